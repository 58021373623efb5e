import { endpointsFromEnv } from "./endpoints";

describe("the VictoriaMetrics named by the environment", () => {
  test("is none when nothing is set: the suite starts its own", () => {
    expect(endpointsFromEnv({})).toBeUndefined();
  });

  test("VM_URL names a single node serving everything", () => {
    expect(endpointsFromEnv({ VM_URL: "http://vm:8428/" })).toEqual({
      insert: "http://vm:8428",
      select: "http://vm:8428",
      delete: "http://vm:8428",
      flush: ["http://vm:8428"],
      health: "http://vm:8428",
    });
  });

  test("the cluster forms split insert, select, delete and the vmstorage flushes", () => {
    expect(
      endpointsFromEnv({
        VM_INSERT_URL: "http://ins:8480/insert/7/prometheus",
        VM_SELECT_URL: "http://sel:8481/select/7/prometheus/",
        VM_FLUSH_URL: "http://st1:8482, http://st2:8482",
      }),
    ).toEqual({
      insert: "http://ins:8480/insert/7/prometheus",
      select: "http://sel:8481/select/7/prometheus",
      delete: "http://sel:8481/delete/7/prometheus",
      flush: ["http://st1:8482", "http://st2:8482"],
    });
  });

  test.each([
    [{ VM_URL: "http://a", VM_SELECT_URL: "http://b" }, "not both"],
    [
      { VM_INSERT_URL: "http://ins:8480/api/v1/import", VM_SELECT_URL: "http://sel:8481/select/0/prometheus" },
      "VM_INSERT_URL must be vminsert's",
    ],
    [{ VM_INSERT_URL: "http://ins:8480/insert/0/prometheus" }, "VM_SELECT_URL must be vmselect's"],
    [
      { VM_INSERT_URL: "http://ins:8480/insert/0/prometheus", VM_SELECT_URL: "http://sel:8481/select/0/prometheus" },
      "needs VM_FLUSH_URL",
    ],
  ])("a half-set or malformed cluster is refused with what to set (%j)", (env, message) => {
    expect(() => endpointsFromEnv(env)).toThrow(message);
  });
});
