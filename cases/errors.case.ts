// Errors are answers too: the golden holds the message, the code and the path, so a change in
// what a user is told shows up in review like any other change.
import { goldenCase, ts } from "../src";

const volume = `query ($model_version_id: ID!, $start: DateTime!, $end: DateTime!) {
  range_model_metrics(model_version_id: $model_version_id, start: $start, end: $end, step_seconds: 60) {
    inference_volume { timestamp value }
  }
}`;

export default goldenCase({
  name: "errors",
  data({ counter }) {
    counter("model_requests_total").labels({ status: "200" }).inc(ts(30));
  },
  queries: {
    unknown_model: {
      query: volume,
      variables: { model_version_id: "no-such-model", start: ts(0), end: ts(120) },
      check({ errors }) {
        expect(errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
      },
    },
    inverted_range: {
      query: volume,
      variables: { start: ts(120), end: ts(0) },
      check({ errors }) {
        expect(errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      },
    },
  },
});
