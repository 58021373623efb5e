import { writeFileSync } from "node:fs";

test("hangs once the suite's VictoriaMetrics is up", async () => {
  writeFileSync(process.env.HANG_READY_FILE!, process.env.GOLDEN_RUN ?? "");
  await new Promise(() => {}); // until killed
});
