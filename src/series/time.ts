/** The suite's time base: fixed so that every run writes and queries the same instants. */
export const TIME_BASE = new Date("2024-01-01T00:00:00Z");

/** The Date `n` seconds after TIME_BASE (negative: before it). */
export function ts(n: number): Date {
  return new Date(TIME_BASE.getTime() + n * 1000);
}

/** When the mock exporter is scraped: one sample per tick `from + k * every <= to`. */
export interface ScrapeOptions {
  /** Seconds between scrapes. */
  every?: number;
  from?: Date;
  to?: Date;
}

export const DEFAULT_SCRAPE = { every: 10, from: ts(-60), to: ts(600) } as const;
