import { runVm } from "../run/context";
import { freshIds, ingest } from "./test-support";

test("the API tests' data goes in through the series set's one ingest path, stale markers included", async () => {
  const { namespace, modelVersionId } = freshIds();
  await ingest(
    { namespace, model_version_id: modelVersionId },
    (b) => void b.series("model_replicas_active", "3 3 stale 3"),
  );
  const [line] = await runVm().export([`model_replicas_active{namespace="${namespace}"}`]);
  expect(line!.values).toEqual([3, 3, null, 3]); // VictoriaMetrics exports the marker as null
});
