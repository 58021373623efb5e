import type { Plugin } from "graphql-yoga";
import { answerValues } from "./answer-size";
import { badInput } from "./errors";
import { LIMITS } from "./limits";
import type { ValuesInFlight } from "./values-in-flight";

/**
 * Bounds on the answers the server builds, known once the variables are: the values of one
 * answer (BAD_USER_INPUT beyond LIMITS.maxDocumentValues, before any query runs) and the values
 * of all answers being built at once (a request waits its turn in `inFlight`).
 */
export function useAnswerLimits(inFlight: ValuesInFlight): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const values = answerValues(args.schema, args.document, args.variableValues, args.operationName);
      if (values > LIMITS.maxDocumentValues) {
        setResultAndStopExecution({ errors: [tooManyValues(values)] });
        return;
      }
      setExecuteFn((executeArgs) => inFlight.run(values, () => executeFn(executeArgs)));
    },
  };
}

const tooManyValues = (values: number) =>
  badInput(
    `The answer would hold ${values} values (points × leaf fields, summed over every metric field and alias); ` +
      `at most ${LIMITS.maxDocumentValues} are allowed per request. Ask for fewer fields or aliases, ` +
      "a larger step_seconds or a shorter range, or split the document into several requests.",
  );
