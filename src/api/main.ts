// `npm run serve`: the metrics API on VM_URL, or on a VictoriaMetrics of its own with demo data.
import "./node-env"; // first: before graphql loads
import { serve, stopServing, whyNotServing, type Serving } from "./serve";

async function main(): Promise<void> {
  // Filled as parts start, and the signal handlers registered before anything does: Ctrl-C during
  // start-up must leave nothing behind either. (If this process dies without stopping them,
  // VictoriaMetrics' reaper stops it and removes its data.)
  const serving: Serving = {};
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) process.exit(code);
    stopping = true;
    if (serving.api || serving.vm) console.log("Stopping...");
    await stopServing(serving);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    console.log(await serve(process.env, serving));
  } catch (err) {
    console.error(`npm run serve: ${whyNotServing(err)}`);
    await stop(1);
  }
}

void main();
