import type { VmEndpoints } from "./endpoints";
import type { JsonLine } from "./json-line";
import { encodeRemoteWrite } from "./remote-write";
import { UserError } from "../user-error";
import { exchange, type Answer, type ExchangeError } from "../http/exchange";

type HttpCall = { method: "GET" | "POST"; body?: string | Uint8Array; headers?: Record<string, string> };

export type Labels = Record<string, string>;
/** A time as a Date or as Unix seconds. */
export type Time = Date | number;

export type { JsonLine } from "./json-line";

export interface InstantSample {
  metric: Labels;
  /** [Unix seconds, value] */
  value: [number, number];
}

export interface RangeSeries {
  metric: Labels;
  /** [Unix seconds, value] pairs */
  values: Array<[number, number]>;
}

export class VmError extends UserError {
  override name = "VmError";
  constructor(
    message: string,
    readonly endpoint: string,
    readonly status?: number,
    readonly query?: string,
  ) {
    super(message);
  }
}

export const DEFAULT_VM_TIMEOUT_MS = 10_000;

const toSeconds = (t: Time) => (t instanceof Date ? t.getTime() / 1000 : t);
const num = (v: string) => Number(v);

/** The suite's only way to talk to VictoriaMetrics. Every call is bounded by `timeoutMs`. */
export class VmClient {
  constructor(
    readonly endpoints: VmEndpoints,
    private readonly timeoutMs = DEFAULT_VM_TIMEOUT_MS,
  ) {}

  /** Imports series in JSON line format, one series a line. */
  async importJsonLines(lines: ReadonlyArray<JsonLine | string>): Promise<void> {
    if (lines.length === 0) return;
    const body = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
    await this.call(this.endpoints.insert, "/api/v1/import", { method: "POST", body });
  }

  /**
   * Imports series through Prometheus remote write. The only format that carries a staleness
   * marker: every NaN value is sent as one (see remote-write.ts).
   */
  async importRemoteWrite(series: ReadonlyArray<JsonLine>): Promise<void> {
    if (series.length === 0) return;
    await this.call(this.endpoints.insert, "/api/v1/write", {
      method: "POST",
      body: encodeRemoteWrite(series),
      headers: {
        "Content-Type": "application/x-protobuf",
        "Content-Encoding": "snappy",
        "X-Prometheus-Remote-Write-Version": "0.1.0",
      },
    });
  }

  /** Imports Prometheus exposition text; samples may carry millisecond timestamps. */
  async importPrometheus(text: string): Promise<void> {
    await this.call(this.endpoints.insert, "/api/v1/import/prometheus", { method: "POST", body: text });
  }

  /** Makes everything imported so far searchable at once (no waiting for the background flush). */
  async flush(): Promise<void> {
    await Promise.all(this.endpoints.flush.map((base) => this.call(base, "/internal/force_flush", { method: "GET" })));
  }

  /** An instant query at `time` (default: now). */
  async query(query: string, time?: Time): Promise<InstantSample[]> {
    const params = new URLSearchParams({ query, nocache: "1" });
    if (time !== undefined) params.set("time", String(toSeconds(time)));
    const data = await this.select<{ resultType: string; result: Array<{ metric: Labels; value: [number, string] }> }>(
      "/api/v1/query",
      params,
      query,
    );
    return data.result.map((r) => ({ metric: r.metric, value: [r.value[0], num(r.value[1])] }));
  }

  /**
   * A range query. `nocache=1` keeps points at exactly start + k*step: with its cache on,
   * VictoriaMetrics aligns start down to a multiple of step.
   */
  async queryRange(query: string, start: Time, end: Time, stepSeconds: number): Promise<RangeSeries[]> {
    const params = new URLSearchParams({
      query,
      start: String(toSeconds(start)),
      end: String(toSeconds(end)),
      step: `${stepSeconds}s`,
      nocache: "1",
    });
    const data = await this.select<{ result: Array<{ metric: Labels; values: Array<[number, string]> }> }>(
      "/api/v1/query_range",
      params,
      query,
    );
    return data.result.map((r) => ({ metric: r.metric, values: r.values.map(([t, v]) => [t, num(v)]) }));
  }

  /**
   * The label sets of series matching any selector. With no `start`, it looks at all time:
   * VictoriaMetrics treats start=0 as unset and then searches the last day only, so we pass 1.
   */
  async series(match: string[], start: Time = 1, end?: Time): Promise<Labels[]> {
    const params = new URLSearchParams();
    for (const m of match) params.append("match[]", m);
    params.set("start", String(toSeconds(start)));
    if (end !== undefined) params.set("end", String(toSeconds(end)));
    return this.select<Labels[]>("/api/v1/series", params, match.join(", "));
  }

  /**
   * Whether any series matches any selector, at any time. Asks for one series only (`limit=1`),
   * so the answer costs the same for a model version with ten series or ten thousand.
   */
  async hasSeries(match: string[]): Promise<boolean> {
    const params = new URLSearchParams();
    for (const m of match) params.append("match[]", m);
    params.set("start", "1");
    params.set("limit", "1");
    return (await this.select<Labels[]>("/api/v1/series", params, match.join(", "))).length > 0;
  }

  /** Deletes every series matching any selector. */
  async deleteSeries(match: string[]): Promise<void> {
    const params = new URLSearchParams();
    for (const m of match) params.append("match[]", m);
    await this.call(
      this.endpoints.delete,
      `/api/v1/admin/tsdb/delete_series?${params}`,
      { method: "POST" },
      match.join(", "),
    );
  }

  /** Exports the raw samples of matching series (all time). */
  async export(match: string[]): Promise<JsonLine[]> {
    const params = new URLSearchParams();
    for (const m of match) params.append("match[]", m);
    params.set("start", "1");
    const text = await this.call(
      this.endpoints.select,
      `/api/v1/export?${params}`,
      { method: "GET" },
      match.join(", "),
    );
    return text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as JsonLine);
  }

  private async select<T>(path: string, params: URLSearchParams, query: string): Promise<T> {
    const text = await this.call(this.endpoints.select, `${path}?${params}`, { method: "GET" }, query);
    return (JSON.parse(text) as { data: T }).data;
  }

  /** One HTTP call; any failure becomes a VmError naming the endpoint, status, VM's message and query. */
  private async call(base: string, pathAndQuery: string, init: HttpCall, query?: string): Promise<string> {
    const path = pathAndQuery.split("?")[0] ?? pathAndQuery;
    const endpoint = `${base}${path}`;
    const forQuery = query === undefined ? "" : `\nquery: ${query}`;
    let answer: Answer;
    try {
      // Uncompressed (no accept-encoding): on loopback, compressing each answer costs both sides
      // CPU for nothing (a tenth of a golden run's time went to zlib when fetch asked for gzip).
      answer = await exchange(`${base}${pathAndQuery}`, { ...init, timeoutMs: this.timeoutMs });
    } catch (err) {
      // No status: an answer cut short is the store's failure (unavailable), whatever its headers said.
      const what = (err as ExchangeError).phrase("failed");
      throw new VmError(`victoria-metrics ${init.method} ${endpoint} ${what}${forQuery}`, endpoint, undefined, query);
    }
    if (!answer.ok) {
      throw new VmError(
        `victoria-metrics ${init.method} ${endpoint} answered HTTP ${answer.status}: ${vmMessage(answer.text)}${forQuery}`,
        endpoint,
        answer.status,
        query,
      );
    }
    return answer.text;
  }
}

/** VictoriaMetrics answers errors as JSON ({error}) on the query API and as plain text elsewhere. */
function vmMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: string };
    if (parsed.error) return parsed.error;
  } catch {
    // plain text
  }
  return body.trim() || "(empty body)";
}
