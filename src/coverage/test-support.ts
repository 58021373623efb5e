import { buildSchema, type GraphQLSchema } from "graphql";
import { TYPE_DEFS } from "../api/schema";
import { createSeriesSet, type SeriesBuilder } from "../series";
import type { ScrapeOptions } from "../series/time";
import type { CaseFacts } from "./facts";
import { caseFacts } from "./series-facts";

export const NAMESPACE = "ns";
export const MODEL = "mv";

/** The contract's schema, as the reference API serves it. */
export const contractSchema = (): GraphQLSchema => buildSchema(TYPE_DEFS);

/** A case's facts, as its case file records them: its data built by `data`, and its queries. */
export function factsOf(
  data: (builder: SeriesBuilder) => void,
  options: { scrape?: ScrapeOptions; queries?: CaseFacts["queries"] } = {},
): CaseFacts {
  const set = createSeriesSet({
    ...(options.scrape ? { scrape: options.scrape } : {}),
    commonLabels: { namespace: NAMESPACE, model_version_id: MODEL },
  });
  data(set);
  return caseFacts({ namespace: NAMESPACE, modelVersionId: MODEL }, set.allSeries(), set.scrape, options.queries ?? {});
}
