import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { userError } from "./errors";

const WHAT_TO_SEND = 'Send a POST with Content-Type: application/json and a body {"query": "...", "variables": {...}}.';
/** Enough of the parser's reason to tell what was wrong, not a whole body echoed back. */
const MAX_REASON_CHARS = 200;

/**
 * A body yoga's parsers cannot read (multipart cut short or without a boundary, form fields that
 * are not JSON) is the client's fault: HTTP 400 with BAD_REQUEST saying what to send. Without
 * this, the parser's plain Error is masked as an INTERNAL_SERVER_ERROR. Errors the parsers
 * already coded (invalid JSON is BAD_REQUEST) pass unchanged.
 */
export function useRequestBodyErrors(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      // No parser for the content type: yoga answers 415 itself.
      if (!requestParser) return;
      setRequestParser(async (req) => {
        try {
          return await requestParser(req);
        } catch (err) {
          if (err instanceof GraphQLError && err.extensions.code) throw err;
          throw unreadableBody(request.headers.get("content-type"), err);
        }
      });
    },
  };
}

function unreadableBody(contentType: string | null, err: unknown): GraphQLError {
  const mediaType = contentType?.split(";")[0]?.trim() || "(no content type)";
  const reason = (err instanceof Error ? err.message : String(err)).slice(0, MAX_REASON_CHARS);
  return userError("BAD_REQUEST", `The request body could not be read as ${mediaType}: ${reason}. ${WHAT_TO_SEND}`, {
    status: 400,
  });
}
