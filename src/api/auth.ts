import type { Plugin } from "graphql-yoga";
import { userError } from "./errors";
import { UserError } from "../user-error";

/** API keys to namespaces. The golden runner adds a key per case while the server runs. */
export class KeyStore {
  private readonly namespaces = new Map<string, string>();

  constructor(keys: Record<string, string> = {}) {
    for (const [key, namespace] of Object.entries(keys)) this.add(key, namespace);
  }

  add(key: string, namespace: string): void {
    if (key === "" || namespace === "") throw new Error("An API key and its namespace must both be non-empty.");
    this.namespaces.set(key, namespace);
  }

  namespaceOf(key: string): string | undefined {
    return this.namespaces.get(key);
  }

  get size(): number {
    return this.namespaces.size;
  }
}

/** `METRICS_API_KEYS`: `key1=namespace1,key2=namespace2`; spaces around entries are ignored. */
export function parseApiKeys(text: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const entry of text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf("=");
    const key = entry.slice(0, eq).trim();
    const namespace = entry.slice(eq + 1).trim();
    if (eq < 0 || key === "" || namespace === "") {
      // Do not print the entry: it holds a secret.
      throw new UserError(
        `METRICS_API_KEYS entry ${Object.keys(keys).length + 1} is not key=namespace; expected key1=namespace1,key2=namespace2.`,
      );
    }
    keys[key] = namespace;
  }
  return keys;
}

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="metrics"' };

/**
 * Authenticates every GraphQL request before it is parsed: a caller without a valid key learns
 * nothing, not even whether its document is valid. The namespace goes into the context.
 */
export function useBearerAuth(keys: KeyStore): Plugin {
  return {
    onParams({ request, context, setResult }) {
      const key = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
      const namespace = key === undefined ? undefined : keys.namespaceOf(key);
      if (namespace !== undefined) {
        (context as { namespace?: string }).namespace = namespace;
        return;
      }
      const message =
        key === undefined
          ? "No API key: send the header `Authorization: Bearer <key>`."
          : "Unknown API key: send `Authorization: Bearer <key>` with a key this server was given.";
      setResult({ errors: [userError("UNAUTHENTICATED", message, { status: 401, headers: CHALLENGE })] });
    },
  };
}
