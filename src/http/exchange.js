// @ts-check
// One HTTP exchange over node:http(s) with a keep-alive agent per process: how the suite talks to
// VictoriaMetrics, the target and the run service, and how the benchmark's floor talks to
// VictoriaMetrics (so the two pay the same for HTTP). Plain CommonJS: bench-floor.js requires it
// without a TypeScript loader; `tsc -b` checks it (@ts-check).
//
// Why not fetch: on loopback, fetch (undici, with WHATWG streams, a Request and a Response per
// call) cost 3-4 times the CPU of node:http per exchange inside a jest worker (1.0-1.7 ms against
// 0.3-0.4 ms, measured), and a case makes about ten exchanges.
"use strict";
const http = require("node:http");
const https = require("node:https");

// jest loads core modules once per worker, outside each test file's registry: these agents, and
// their idle connections, serve every case file a worker runs. Idle sockets do not hold a process.
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};
const clients = { "http:": http, "https:": https };

/** An exchange that failed: before an answer (`status` undefined) or while reading its body. */
class ExchangeError extends Error {
  /**
   * @param {string} cause what went wrong, e.g. "ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:1)" or "no answer within 300 ms"
   * @param {number | undefined} status the answer's status, when it failed after its headers
   */
  constructor(cause, status) {
    super(cause);
    this.name = "ExchangeError";
    this.status = status;
  }
}

/**
 * @typedef {{ method?: string, headers?: Record<string, string>, body?: string | Uint8Array, timeoutMs?: number }} ExchangeOptions
 * @typedef {{ status: number, ok: boolean, text: string }} Answer
 */

/**
 * Sends one request and reads its whole answer as UTF-8. `timeoutMs` bounds the whole exchange,
 * headers and body: a server can stall or drop after its headers as well as before them. A
 * request that finds its reused idle connection closed by the server is sent once more, on a new
 * one (the server never read it; see `request.reusedSocket` in Node's docs).
 * @param {string} url
 * @param {ExchangeOptions} [options]
 * @returns {Promise<Answer>}
 */
function exchange(url, options = {}) {
  const target = new URL(url);
  const protocol = /** @type {"http:" | "https:"} */ (target.protocol);
  const client = clients[protocol];
  if (!client)
    return Promise.reject(new ExchangeError(`unsupported protocol ${target.protocol} (http or https)`, undefined));
  return new Promise((resolve, reject) => {
    let settled = false;
    /** @type {import("node:http").ClientRequest | undefined} */
    let current;
    /** @type {number | undefined} */
    let answeredStatus;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => fail(`no answer within ${options.timeoutMs} ms`), options.timeoutMs);
    /** @param {string} cause */
    const fail = (cause) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current?.destroy();
      reject(new ExchangeError(cause, answeredStatus));
    };
    /** @param {Answer} answer */
    const succeed = (answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const headers = { ...options.headers };
    if (body) headers["content-length"] = String(body.length);

    /** @param {boolean} retried */
    const send = (retried) => {
      const request = client.request(target, { method: options.method ?? "GET", headers, agent: agents[protocol] });
      current = request;
      request.on("error", (/** @type {NodeJS.ErrnoException} */ err) => {
        if (answeredStatus !== undefined) return; // the answer's own handlers say what failed
        if (!retried && request.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) {
          return send(true);
        }
        fail(describe(err));
      });
      request.on("response", (response) => {
        answeredStatus = response.statusCode ?? 0;
        /** @type {Buffer[]} */
        const chunks = [];
        response.on("data", (/** @type {Buffer} */ chunk) => chunks.push(chunk));
        const cut = "the connection closed before the answer ended";
        response.on("error", (/** @type {NodeJS.ErrnoException} */ err) => fail(`${cut} (${err.code ?? err.message})`));
        response.on("close", () => {
          if (!response.complete) fail(cut);
        });
        response.on("end", () => {
          const status = /** @type {number} */ (answeredStatus);
          succeed({ status, ok: status >= 200 && status < 300, text: Buffer.concat(chunks).toString("utf8") });
        });
      });
      request.end(body);
    };
    send(false);
  });
}

/** @param {NodeJS.ErrnoException} err */
function describe(err) {
  return err.code ? `${err.code} (${err.message})` : err.message;
}

module.exports = { exchange, ExchangeError };
