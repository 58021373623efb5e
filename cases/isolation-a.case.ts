// Isolation, side A: 3 requests; side B (isolation-b.case.ts) writes 5 under the same names.
import { isolationSide } from "./isolation-side";

export default isolationSide("isolation a", 3);
