// Heavy answers the contract allows (metrics-api.md §6): one is built in slices, so /healthz is
// answered while it runs, and the values in flight are bounded, so more wait their turn (shown
// with the bound and the answers a tenth of their real size: the same rule, a tenth of the work).
import { ts } from "../series";
import { VmClient } from "../vm/client";
import { runContext } from "../run/context";
import { dataOf, freshIds, ingest, startTestApi, type TestApi } from "./test-support";

const iso = (n: number) => ts(n).toISOString().replace(".000Z", "Z");
/** 20 aliases x `points` x 2 leaves: with 5,000 points, 200,000 values, the most one document may ask for. */
const heavy = (points: number) => `query ($id: ID!) {
  range_model_metrics(model_version_id: $id, start: "${iso(0)}", end: "${iso(points - 1)}", step_seconds: 1) {
    ${Array.from({ length: 20 }, (_, i) => `v${i}: inference_volume { timestamp value }`).join(" ")}
  }
}`;
const HEAVY = heavy(5_000);

/** The suite's VictoriaMetrics, with a hook on every range answer before the API reads it. */
class WatchedVm extends VmClient {
  asked = 0;
  /** Runs when VictoriaMetrics has answered a range query; the API may hold the answer back. */
  onAnswer: () => Promise<void> | void = () => {};
  override async queryRange(...args: Parameters<VmClient["queryRange"]>) {
    this.asked++;
    const answer = await super.queryRange(...args);
    await this.onAnswer();
    return answer;
  }
}

/** Waits, turn by turn of the event loop, until `condition` holds; fails after `ms` saying what it waited for. */
async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still not ${what} after ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let vm: WatchedVm;
let t: TestApi;
const { modelVersionId: id } = freshIds();
beforeAll(async () => {
  vm = new WatchedVm(runContext().vm.endpoints);
  t = await startTestApi({ vm });
  await ingest(
    { namespace: t.namespace, model_version_id: id },
    ({ counter }) => void counter("model_requests_total", { status: "200" }).inc(ts(50)),
  );
});
afterAll(() => t.api.close());
afterEach(() => {
  vm.onAnswer = () => {};
});

test("/healthz asked once VictoriaMetrics has answered a heavy request is answered before that request", async () => {
  const order: string[] = [];
  let healthz: Promise<void> | undefined;
  // From here on, only the API's own work stands between the heavy request and its answer.
  vm.onAnswer = () => {
    healthz ??= fetch(new URL("/healthz", t.api.url)).then(async (r) => {
      await r.text();
      order.push(`healthz ${r.status}`);
    });
  };
  const heavy = fetch(t.api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${t.key}` },
    body: JSON.stringify({ query: HEAVY, variables: { id } }),
  }).then((r) => {
    order.push("heavy answer starts");
    return r.json() as Promise<{ data?: { range_model_metrics: Record<string, unknown[]> } }>;
  });
  const answer = await heavy;
  await healthz;
  expect(Object.values(answer.data!.range_model_metrics).map((points) => points.length)).toEqual(Array(20).fill(5_000));
  expect(order).toEqual(["healthz 200", "heavy answer starts"]);
});

test("heavy requests beyond the values in flight wait their turn before they ask VictoriaMetrics", async () => {
  // LIMITS' bound is two of the largest answers (400,000 values); here, two of 20,000.
  const small = await startTestApi({ vm, valuesInFlight: { capacity: 40_000, small: 1_000 } });
  small.api.keys.add(t.key, t.namespace); // the data above
  try {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    vm.onAnswer = () => gate; // every answer is held until the gate opens
    vm.asked = 0;
    const answers = [1, 2, 3].map(() => small.ask(heavy(500), { id }, t.key));
    // Two of 20,000 values fill the bound; the third waits without asking.
    await until(
      () => small.api.work.waiting === 1 && vm.asked === 2,
      "one request waiting while two ask VictoriaMetrics",
    );
    expect(small.api.work.values).toBe(40_000);

    open();
    for (const answer of await Promise.all(answers))
      expect(Object.keys(dataOf(answer).range_model_metrics)).toHaveLength(20);
    expect(vm.asked).toBe(3);
    expect(small.api.work).toMatchObject({ values: 0, waiting: 0 });
  } finally {
    await small.api.close();
  }
});
