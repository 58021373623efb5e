import { NewCaseError } from "./authoring/new-case";
import { GoldenFileError } from "./golden/golden-file";
import { ReportInputError } from "./report/git-goldens";
import { NoRunContextError } from "./run/context";
import {
  BackendFailureError,
  CaseDataError,
  CaseNotRunError,
  GoldenMismatchError,
  OracleFailedError,
  OracleOnErrorsError,
  VmExitedError,
} from "./runner/case-run";
import { CaseDefinitionError } from "./runner/case-definition";
import { TargetConfigError } from "./runner/target";
import { TargetUnavailableError } from "./runner/target-client";
import { SeriesError } from "./series/errors";
import { asUserError, UserError } from "./user-error";
import { VmBinaryNotFoundError } from "./vm/binary";
import { VmError } from "./vm/client";
import { VmConfigError } from "./vm/endpoints";
import { VmStartError } from "./vm/server";

describe("an error meant for a person", () => {
  test.each([
    VmBinaryNotFoundError,
    VmConfigError,
    VmStartError,
    VmError,
    SeriesError,
    GoldenFileError,
    NoRunContextError,
    CaseDefinitionError,
    CaseDataError,
    CaseNotRunError,
    GoldenMismatchError,
    BackendFailureError,
    VmExitedError,
    OracleOnErrorsError,
    OracleFailedError,
    TargetConfigError,
    TargetUnavailableError,
    ReportInputError,
    NewCaseError,
  ] as Array<new (message: string) => Error>)("%p is a UserError, with its own name", (type) => {
    const err = new type("what was wrong; what is allowed");
    expect(err).toBeInstanceOf(UserError);
    expect(err.name).toBe(type.name);
  });

  test("is shown as its message, with its hint of what to do; a bug keeps its stack", () => {
    const mistake = asUserError(
      new UserError("VM_URL does not answer.", { hint: "Start it, or unset VM_URL." }),
    ) as Error;
    expect(mistake.message).toBe("VM_URL does not answer.\nStart it, or unset VM_URL.");
    expect(mistake.stack).toBe("UserError: VM_URL does not answer.\nStart it, or unset VM_URL.");
    const bug = new TypeError("x is undefined");
    expect((asUserError(bug) as Error).stack).toMatch(/^TypeError: x is undefined\n\s+at /);
  });
});
