import { accessSync, constants } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { UserError } from "../user-error";

/** Where bin/install-vm unpacks Debian's package. */
export const CACHED_VM_BIN = resolve(__dirname, "../../.vm/bin/victoria-metrics");

export class VmBinaryNotFoundError extends UserError {
  override name = "VmBinaryNotFoundError";
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds victoria-metrics in the order bin/install-vm uses: $VM_BIN, .vm/, PATH.
 * Returns the path and how it was found, so the caller can say which one it chose.
 */
export function findVmBinary(
  env: NodeJS.ProcessEnv = process.env,
  cached: string = CACHED_VM_BIN,
): { path: string; source: string } {
  const tried: string[] = [];
  if (env.VM_BIN) {
    if (isExecutable(env.VM_BIN)) return { path: env.VM_BIN, source: "$VM_BIN" };
    throw new VmBinaryNotFoundError(
      `VM_BIN is set to '${env.VM_BIN}', which is not an executable file.\n` +
        `Point VM_BIN at a victoria-metrics binary, or unset it and run \`bin/install-vm\`.`,
    );
  }
  tried.push("$VM_BIN (unset)");
  if (isExecutable(cached)) return { path: cached, source: ".vm/" };
  tried.push(cached);
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "victoria-metrics");
    if (isExecutable(candidate)) return { path: candidate, source: "PATH" };
  }
  tried.push("PATH");
  throw new VmBinaryNotFoundError(
    `victoria-metrics not found. Tried: ${tried.join(", ")}.\n` +
      `Run \`bin/install-vm\`, or set VM_BIN to a victoria-metrics binary.`,
  );
}
