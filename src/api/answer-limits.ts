import type { Plugin } from "graphql-yoga";
import { answerValues } from "./answer-size";
import { badInput } from "./errors";
import { LIMITS } from "./limits";

/**
 * Bounds on the answers the server builds, known once the variables are: the values of one
 * answer (BAD_USER_INPUT beyond LIMITS.maxDocumentValues, before any query runs).
 */
export function useAnswerLimits(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const values = answerValues(args.schema, args.document, args.variableValues, args.operationName);
      if (values > LIMITS.maxDocumentValues) {
        setResultAndStopExecution({ errors: [tooManyValues(values)] });
      }
    },
  };
}

const tooManyValues = (values: number) =>
  badInput(
    `The answer would hold ${values} values (points × leaf fields, summed over every metric field and alias); ` +
      `at most ${LIMITS.maxDocumentValues} are allowed per request. Ask for fewer fields or aliases, ` +
      "a larger step_seconds or a shorter range, or split the document into several requests.",
  );
