/** One series in VictoriaMetrics' JSON line format (`/api/v1/import`, `/api/v1/export`). */
export interface JsonLine {
  metric: Record<string, string> & { __name__: string };
  values: number[];
  /** Unix milliseconds. */
  timestamps: number[];
}
