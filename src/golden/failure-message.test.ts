import { mismatchMessage, missingMessage, oracleMessage } from "./failure-message";

const where = {
  caseName: "billing",
  caseFile: "cases/billing.case.ts",
  queryName: "range",
  goldenFile: "__golden__/billing.snap",
  metricsql: ['sum(increase(x{namespace="<namespace>"}[60s]))'],
};

describe("a failure message", () => {
  test("names each path with the point's time, both values, the difference and the tolerance, then how to rerun", () => {
    const golden = {
      data: { r: { minutes: [{ instance_type: "A10G", points: [{ timestamp: "ts(60)", value: 2, p99: 0.5 }] }] } },
    };
    const actual = {
      data: { r: { minutes: [{ instance_type: "A10G", points: [{ timestamp: "ts(60)", value: 3, p99: 0.6 }] }] } },
    };
    const message = mismatchMessage(
      where,
      [
        { path: "r.minutes[0].points[0].value", golden: 2, actual: 3, difference: 1 },
        { path: "r.minutes[0].points[0].p99", golden: 0.5, actual: 0.6, difference: 0.1, tolerance: { rel: 0.01 } },
        { path: "r.extra", golden: undefined, actual: null },
      ],
      actual,
      golden,
    );
    expect(message).toBe(
      [
        'case "billing" (cases/billing.case.ts), query "range": 3 value(s) differ from __golden__/billing.snap',
        "  r.minutes[0].points[0].value at ts(60): golden 2, actual 3  difference +1 (+50%)  tolerance exact",
        "  r.minutes[0].points[0].p99 at ts(60): golden 0.5, actual 0.6  difference +0.1 (+20%)  tolerance rel 0.01 (allows ±0.005)",
        "  r.extra: golden (absent), actual null  tolerance exact",
        "rerun:   npm test -- cases/billing.case.ts -t '^billing range$'",
        "accept:  npm run update-goldens -- cases/billing.case.ts   (then review the golden diff)",
        "MetricsQL the backend ran:",
        '  sum(increase(x{namespace="<namespace>"}[60s]))',
      ].join("\n"),
    );
  });

  test("a golden that matches in values but not in layout says so", () => {
    expect(mismatchMessage(where, [], { data: 1 }, { data: 1 })).toContain(
      "the answer's values match __golden__/billing.snap but its layout does not",
    );
  });

  test("a missing golden in CI gives the command that creates it", () => {
    expect(missingMessage(where)).toBe(
      'case "billing" (cases/billing.case.ts), query "range": no golden in __golden__/billing.snap, and CI runs never write one.\n' +
        "create it: npm run update-goldens -- cases/billing.case.ts   (then review and commit __golden__/billing.snap)",
    );
  });

  test("says where the answer was kept and how to review or accept it", () => {
    const kept = { ...where, candidateFile: "__golden__/.pending/billing.snap" };
    expect(mismatchMessage(kept, [{ path: "r", golden: 1, actual: 2, difference: 1 }], { r: 2 }, { r: 1 })).toContain(
      [
        "rerun:   npm test -- cases/billing.case.ts -t '^billing range$'",
        "kept:    the new answer is in __golden__/.pending/billing.snap (ignored by git), for review",
        "review:  npm run review-goldens -- billing/range   (the change, its chart; accept or reject it)",
        "accept:  npm run update-goldens -- cases/billing.case.ts   (then review the golden diff)",
      ].join("\n"),
    );
    expect(missingMessage(kept)).toBe(
      'case "billing" (cases/billing.case.ts), query "range": no golden in __golden__/billing.snap, and CI runs never write one.\n' +
        "kept:      the new answer is in __golden__/.pending/billing.snap (ignored by git), for review\n" +
        "review:    npm run review-goldens -- billing/range   (the change, its chart; accept or reject it)\n" +
        "create it: npm run update-goldens -- cases/billing.case.ts   (then review and commit __golden__/billing.snap)",
    );
    // a query name a shell would split is quoted
    expect(mismatchMessage({ ...kept, queryName: "p99 (e2e)" }, [], {}, {})).toContain(
      "review:  npm run review-goldens -- 'billing/p99 (e2e)'",
    );
  });

  test("an oracle's failure keeps jest's message inside the comparison's context", () => {
    const jest = "expect(received).toBe(expected) // Object.is equality\n\nExpected: 0\nReceived: 4";
    expect(oracleMessage(where, jest, " at cases/billing.case.ts:12:5")).toBe(
      [
        'case "billing" (cases/billing.case.ts), query "range": the oracle (check) failed at cases/billing.case.ts:12:5, ' +
          "before the comparison with __golden__/billing.snap (nothing is written: no mode accepts what the oracle refuses)",
        "  expect(received).toBe(expected) // Object.is equality",
        "",
        "  Expected: 0",
        "  Received: 4",
        "rerun:   npm test -- cases/billing.case.ts -t '^billing range$'",
        "MetricsQL the backend ran:",
        '  sum(increase(x{namespace="<namespace>"}[60s]))',
      ].join("\n"),
    );
    expect(oracleMessage(where, "Expected: 0", "", ["NOT_FOUND: no model"])).toContain(
      "the oracle (check) failed on an answer with errors, before the comparison with __golden__/billing.snap " +
        "(nothing is written: no mode accepts what the oracle refuses)\n  NOT_FOUND: no model\noracle:\n  Expected: 0\nrerun:",
    );
  });
});
