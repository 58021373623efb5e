import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, resolve } from "node:path";
import { CANDIDATE_DIR, GOLDEN_SUFFIX } from "../golden/layout";
import { ReviewError } from "./review-error";

/** One candidate file of a CI artifact, read whole: the artifact is only read, never written. */
export interface ArtifactFile {
  /** The case module it belongs to: its name without `.snap`. */
  caseModule: string;
  /** Where it is, for messages: `ci/beyond.snap`, `ci.zip: __golden__/.pending/beyond.snap`. */
  label: string;
  bytes: Buffer;
}

/** A zip larger than this once unpacked is not a folder of candidates. */
const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

/**
 * The candidate files of a CI run, from a folder or a zip (as GitHub offers an artifact for
 * download). They are the `<case>.snap` files of a `.pending` folder (`__golden__/.pending/`, as a
 * project keeps them), or else of the one folder that holds `.snap` files (the artifact's top, as
 * upload-artifact stores a single folder it was given).
 */
export function readArtifact(given: string, cwd: string): { files: ArtifactFile[]; where: string } {
  const [path, shown] = [resolve(cwd, given), given];
  if (!existsSync(path)) throw new ReviewError(`review-goldens: --from ${shown}: no such folder or zip file.`);
  const listing = statSync(path).isDirectory() ? listFolder(path) : listZip(path, shown);
  const dirs = [...new Set(listing.map((f) => posix.dirname(f.name)))];
  const pending = dirs.filter((d) => posix.basename(d) === CANDIDATE_DIR);
  const chosen = pending.length > 0 ? pending : dirs;
  if (chosen.length !== 1) {
    const found =
      chosen.length === 0 ? "no .snap file" : `.snap files in ${chosen.length} folders (${chosen.join(", ")})`;
    throw new ReviewError(
      `review-goldens: --from ${shown}: ${found}. Give the folder or zip of one CI run's candidates: ` +
        `<case>.snap files at its top, in .pending/ or in __golden__/.pending/ (the golden-candidates artifact of the workflow).`,
    );
  }
  const files = listing
    .filter((f) => posix.dirname(f.name) === chosen[0])
    .map((f) => ({ caseModule: posix.basename(f.name, GOLDEN_SUFFIX), label: `${shown}: ${f.name}`, bytes: f.read() }));
  return { files, where: shown };
}

interface Listed {
  /** Relative to the artifact's top, with `/`; "." for the top itself. */
  name: string;
  read: () => Buffer;
}

function listFolder(root: string, dir = root): Listed[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): Listed[] => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFolder(root, path);
    if (!entry.isFile() || !entry.name.endsWith(GOLDEN_SUFFIX)) return [];
    return [{ name: relative(root, path).split("\\").join("/"), read: () => readFileSync(path) }];
  });
}

function listZip(path: string, shown: string): Listed[] {
  const bytes = readFileSync(path);
  // A zip starts with a local file header, or (empty) with the end of its central directory.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || (bytes[2] !== 3 && bytes[2] !== 5)) {
    throw new ReviewError(`review-goldens: --from ${shown}: neither a folder nor a zip file.`);
  }
  // Loaded here only: a review from a folder, and every test run, never needs it.
  const { unzipSync } = require("fflate") as typeof import("fflate");
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (!file.name.endsWith(GOLDEN_SUFFIX) || file.name.endsWith("/")) return false;
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new Error(`more than ${MAX_UNZIPPED_BYTES} bytes of .snap files`);
        return true;
      },
    });
  } catch (err) {
    throw new ReviewError(`review-goldens: --from ${shown}: cannot be unzipped (${(err as Error).message}).`);
  }
  return Object.entries(entries)
    .filter(([name]) => !name.split("/").includes(".."))
    .map(([name, data]) => ({ name: name.replace(/^\/+/, ""), read: () => Buffer.from(data) }));
}
