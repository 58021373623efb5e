// Isolation, side B: 5 requests; side A (isolation-a.case.ts) writes 3 under the same names.
import { isolationSide } from "./isolation-side";

export default isolationSide("isolation b", 5);
