import { writeFileSync } from "node:fs";

test("hangs once the suite's VictoriaMetrics is up", async () => {
  writeFileSync(process.env.HANG_READY_FILE!, process.env.GOLDEN_VM_ENDPOINTS ?? "");
  await new Promise(() => {}); // until killed
});
