import { acceptCandidates, type CandidateSet, rejectCandidates, type ReviewItem } from "./candidates";
import { ReviewError } from "./review-error";
import { reviewScreen } from "./review-screen";

/** A terminal to review in: keys come in raw, one at a time; the screen is drawn whole each time. */
export interface Terminal {
  input: NodeJS.ReadableStream & { setRawMode?: (raw: boolean) => unknown; isRaw?: boolean };
  write(text: string): void;
  size(): { columns: number; rows: number };
}

/** What an interactive review did. */
export interface Tally {
  accepted: ReviewItem[];
  rejected: ReviewItem[];
  skipped: ReviewItem[];
  /** Not reached: the review was quit before them. */
  left: ReviewItem[];
  /** Golden files written, relative to the project root. */
  written: string[];
}

/** The keys, as the screen shows them. */
const KEYS = {
  accept: "a",
  reject: "r",
  skip: "s",
  acceptCase: "c",
  quit: "q",
} as const;
const CTRL_C = "\u0003";
const CLEAR = "\u001b[H\u001b[2J";

/**
 * Query by query, in the manner of `cargo insta review`: the candidate's screen, then one key.
 * Each decision is carried out at once (an accepted golden is written before the next screen), so
 * quitting keeps what was decided and leaves the rest kept for later. A decision that cannot be
 * carried out (a golden edited during the review) is shown on the same screen.
 */
export async function reviewInteractively(set: CandidateSet, terminal: Terminal): Promise<Tally> {
  const tally: Tally = { accepted: [], rejected: [], skipped: [], left: [], written: [] };
  const keys = keyReader(terminal.input);
  const { items, root } = set;
  try {
    let message = "";
    for (let i = 0; i < items.length;) {
      const item = items[i]!;
      const restOfCase = items.slice(i).filter((other) => other.caseModule === item.caseModule);
      const { columns, rows } = terminal.size();
      const screen = await reviewScreen(item, root, columns);
      terminal.write(
        CLEAR + frame(`review-goldens: ${i + 1} of ${items.length}`, screen, message, restOfCase.length, columns, rows),
      );
      message = "";
      const key = await keys.next();
      try {
        if (key === KEYS.accept || key === KEYS.acceptCase) {
          const accepted = key === KEYS.accept ? [item] : restOfCase;
          for (const path of await acceptCandidates(root, accepted))
            if (!tally.written.includes(path)) tally.written.push(path);
          tally.accepted.push(...accepted);
          i = key === KEYS.accept ? i + 1 : skipPast(items, i, accepted);
        } else if (key === KEYS.reject) {
          rejectCandidates(root, [item]);
          tally.rejected.push(item);
          i++;
        } else if (key === KEYS.skip) {
          tally.skipped.push(item);
          i++;
        } else if (key === KEYS.quit || key === CTRL_C) {
          tally.left.push(...items.slice(i));
          break;
        } else {
          message = `${JSON.stringify(key)} is not a key here.`;
        }
      } catch (err) {
        if (!(err instanceof ReviewError)) throw err;
        message = err.message;
      }
    }
    terminal.write(CLEAR); // the summary that follows stands alone
  } finally {
    keys.close();
  }
  return tally;
}

/** The index after `from` that is not among `done` (the rest of a case, accepted at once). */
function skipPast(items: ReviewItem[], from: number, done: ReviewItem[]): number {
  let i = from;
  while (i < items.length && done.includes(items[i]!)) i++;
  return i;
}

/** The screen with a title above and the keys below, cut to the terminal's size. */
function frame(title: string, screen: string[], message: string, restOfCase: number, columns: number, rows: number) {
  const keys =
    `${KEYS.accept} accept   ${KEYS.reject} reject   ${KEYS.skip} skip   ` +
    `${KEYS.acceptCase} accept the rest of this case (${restOfCase})   ${KEYS.quit} quit`;
  const foot = wrap([...(message ? message.split("\n") : []), keys], columns);
  const lines = wrap(screen, columns);
  const room = Math.max(1, rows - foot.length - 3);
  const body =
    lines.length > room
      ? [...lines.slice(0, room - 1), `… ${lines.length - room + 1} more lines: make the terminal taller to see them`]
      : lines;
  return [title, "", ...body, "", ...foot].join("\n") + "\n";
}

/** Lines longer than the terminal is wide, wrapped at a space where there is one (and indented), rather than cut. */
function wrap(lines: string[], columns: number): string[] {
  const indent = "    ";
  return lines.flatMap((line) => {
    const out: string[] = [];
    let rest = [...line];
    let width = columns;
    while (rest.length > width) {
      const space = rest.lastIndexOf(" ", width);
      const cut = space > indent.length * 2 ? space : width;
      out.push(rest.slice(0, cut).join("").trimEnd());
      rest = [...indent, ...rest.slice(cut).join("").trimStart()];
      width = columns;
    }
    return [...out, rest.join("")];
  });
}

/** Keys from a raw terminal, one at a time, in order; an escape sequence (an arrow key) is no key. */
function keyReader(input: Terminal["input"]) {
  const queue: string[] = [];
  let waiting: ((key: string) => void) | undefined;
  const wasRaw = input.isRaw ?? false;
  input.setRawMode?.(true);
  const onData = (chunk: Buffer | string) => {
    const text = chunk.toString();
    if (text.startsWith("\u001b")) return;
    for (const key of text) {
      if (waiting) {
        const take = waiting;
        waiting = undefined;
        take(key);
      } else queue.push(key);
    }
  };
  // A terminal that goes away ends the review as q would.
  const onEnd = () => onData(KEYS.quit);
  input.on("data", onData);
  input.on("end", onEnd);
  input.resume();
  return {
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise<string>((take) => (waiting = take))),
    close: () => {
      input.off("data", onData);
      input.off("end", onEnd);
      input.setRawMode?.(wasRaw);
      input.pause();
    },
  };
}
