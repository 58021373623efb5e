import { randomUUID } from "node:crypto";
import { createMetricsApi } from "../api/server";
import { VmClient, type Time } from "../vm/client";
import type { VmEndpoints } from "../vm/endpoints";
import type { GoldenTarget } from "./target";

/** A client that remembers the MetricsQL it sent, so a failure can show how to reproduce it. */
class RecordingVmClient extends VmClient {
  private recorded: string[] = [];

  override query(query: string, time?: Time) {
    this.recorded.push(query);
    return super.query(query, time);
  }

  override queryRange(query: string, start: Time, end: Time, stepSeconds: number) {
    this.recorded.push(query);
    return super.queryRange(query, start, end, stepSeconds);
  }

  take(): string[] {
    const taken = this.recorded;
    this.recorded = [];
    return taken;
  }
}

/** The reference metrics API, in-process on the suite's VictoriaMetrics, one key per case namespace. */
export async function createReferenceTarget({ vm }: { vm: VmEndpoints }): Promise<GoldenTarget> {
  const client = new RecordingVmClient(vm);
  const api = await createMetricsApi({ vm: client });
  return {
    url: api.url,
    headersFor(namespace) {
      const key = `golden-${randomUUID()}`;
      api.keys.add(key, namespace);
      return { authorization: `Bearer ${key}` };
    },
    takeQueries: () => client.take(),
    close: () => api.close(),
  };
}
