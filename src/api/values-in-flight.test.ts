import { ValuesInFlight } from "./values-in-flight";

/** Work that ends when the test says so. */
function work() {
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve("done");
    fail = reject;
  });
  const started = { value: false };
  return { run: () => ((started.value = true), done), started, finish, fail };
}
/** Lets every promise that is already settled run its callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("ValuesInFlight", () => {
  test("work within the capacity starts at once", () => {
    const bound = new ValuesInFlight({ capacity: 100, small: 5 });
    const a = work();
    void bound.run(60, a.run);
    expect(a.started.value).toBe(true);
    expect(bound.values).toBe(60);
  });

  test("work that does not fit waits until enough is released, and work behind it waits too (first come, first served)", async () => {
    const bound = new ValuesInFlight({ capacity: 100, small: 5 });
    const [a, b, c] = [work(), work(), work()];
    const runs = [bound.run(60, a.run), bound.run(60, b.run), bound.run(10, c.run)];
    expect([a.started.value, b.started.value, c.started.value]).toEqual([true, false, false]);
    expect(bound.waiting).toBe(2);

    a.finish();
    await settle();
    expect([b.started.value, c.started.value]).toEqual([true, true]);
    expect(bound).toMatchObject({ values: 70, waiting: 0 });
    b.finish();
    c.finish();
    expect(await Promise.all(runs)).toEqual(["done", "done", "done"]);
    expect(bound.values).toBe(0);
  });

  test("work that fails releases its values, and its caller gets the failure", async () => {
    const bound = new ValuesInFlight({ capacity: 100, small: 5 });
    const [a, b] = [work(), work()];
    const first = bound.run(100, a.run);
    void bound.run(100, b.run);
    a.fail(new Error("upstream"));
    await expect(first).rejects.toThrow("upstream");
    await settle();
    expect(b.started.value).toBe(true);
  });

  test("work of more values than the capacity runs alone rather than never", async () => {
    const bound = new ValuesInFlight({ capacity: 100, small: 5 });
    const [a, b] = [work(), work()];
    void bound.run(10, a.run);
    void bound.run(1_000, b.run);
    expect(b.started.value).toBe(false);
    a.finish();
    await settle();
    expect(b.started.value).toBe(true);
  });

  test("small work never waits and holds nothing, even while larger work waits for room", () => {
    const bound = new ValuesInFlight({ capacity: 100, small: 5 });
    const [a, b, c] = [work(), work(), work()];
    void bound.run(100, a.run);
    void bound.run(60, b.run);
    void bound.run(5, c.run);
    expect([b.started.value, c.started.value]).toEqual([false, true]);
    expect(bound).toMatchObject({ values: 100, waiting: 1 });
  });

  test("work of no values never waits", () => {
    const bound = new ValuesInFlight({ capacity: 100, small: 5 });
    const [a, b, c] = [work(), work(), work()];
    void bound.run(100, a.run);
    void bound.run(50, b.run);
    void bound.run(0, c.run);
    expect(c.started.value).toBe(true);
  });
});
