import { UserError } from "../user-error";

/** A review the user can set right: a bad argument or pattern, no candidates, a candidate gone stale. */
export class ReviewError extends UserError {
  override name = "ReviewError";
}
