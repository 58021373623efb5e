// @ts-check
// One HTTP exchange over node:http(s): how the suite talks to VictoriaMetrics, the target and the
// run service, and how the benchmark's floor talks to VictoriaMetrics (so the two pay the same for
// HTTP). Plain CommonJS: bench-floor.js requires it without a TypeScript loader; `tsc -b` checks
// it (@ts-check).
//
// Why not fetch: on loopback, fetch (undici, with WHATWG streams, a Request and a Response per
// call) cost 3-4 times the CPU of node:http per exchange inside a jest worker (1.0-1.7 ms against
// 0.3-0.4 ms, measured), and a case makes about ten exchanges.
//
// Connections: Node's global agents, which keep them alive (Node 19 and later). They belong to
// the core modules, which a process loads once: every case the case process runs, and every test
// file a jest worker runs (jest loads this module again in each), reuse them. An idle connection
// closes after 5 s, or a second before the server's own Keep-Alive hint, so the client, not the
// server, ends it; and it never holds a process open.
"use strict";
const http = require("node:http");
const https = require("node:https");

const clients = { "http:": http, "https:": https };
/** Requests that may be sent twice without harm (RFC 9110, 9.2.2), and so again on a fresh connection. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS"]);

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

  /**
   * What happened, for a message: `<before>: <cause>` when no answer came, else that the answer
   * came with its status and was cut short.
   * @param {string} before e.g. "failed", "did not answer"
   */
  phrase(before) {
    return this.status === undefined
      ? `${before}: ${this.message}`
      : `answered HTTP ${this.status} but failed while reading the answer: ${this.message}`;
  }
}

/**
 * @typedef {{ method?: string, headers?: Record<string, string>, body?: string | Uint8Array, timeoutMs?: number }} ExchangeOptions
 * @typedef {{ status: number, ok: boolean, text: string }} Answer
 */

/**
 * Sends one request and reads its whole answer as UTF-8. `timeoutMs` bounds the whole exchange,
 * headers and body: a server can stall or drop after its headers as well as before them. An
 * idempotent request whose reused connection turns out closed, before any answer, is sent once
 * more on a new one (Node's documented `request.reusedSocket` case); any other is not, as the
 * server may have read it. Header values are trimmed of surrounding whitespace, as fetch trims them.
 * @param {string} url
 * @param {ExchangeOptions} [options]
 * @returns {Promise<Answer>}
 */
function exchange(url, options = {}) {
  return new Promise((resolve, reject) => {
    let settled = false;
    /** @type {import("node:http").ClientRequest | undefined} */
    let current;
    /** @type {number | undefined} */
    let answeredStatus;
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
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

    /** @type {URL} */
    let target;
    try {
      target = new URL(url);
    } catch {
      return fail(`not a URL: ${url}`);
    }
    const protocol = /** @type {"http:" | "https:"} */ (target.protocol);
    const client = clients[protocol];
    if (!client) return fail(`unsupported protocol ${target.protocol} (http or https)`);
    const method = (options.method ?? "GET").toUpperCase();
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    /** @type {Record<string, string>} */
    const headers = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name] = String(value).trim();
    if (body) headers["content-length"] = String(body.length);

    /** @param {boolean} retried */
    const send = (retried) => {
      if (settled) return;
      let request;
      try {
        request = client.request(target, { method, headers });
      } catch (err) {
        return fail(describe(/** @type {NodeJS.ErrnoException} */ (err))); // e.g. a header value Node refuses
      }
      current = request;
      request.on("error", (/** @type {NodeJS.ErrnoException} */ err) => {
        if (settled || answeredStatus !== undefined) return; // the answer's own handlers say what failed
        const closedWhileIdle = request.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE");
        if (closedWhileIdle && !retried && IDEMPOTENT.has(method)) return send(true);
        fail(describe(err));
      });
      request.on("response", (response) => {
        answeredStatus = response.statusCode ?? 0;
        /** @type {Buffer[]} */
        const chunks = [];
        const cut = "the connection closed before the answer ended";
        response.on("data", (/** @type {Buffer} */ chunk) => chunks.push(chunk));
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
    if (!settled && options.timeoutMs !== undefined) {
      timer = setTimeout(() => fail(`no answer within ${options.timeoutMs} ms`), options.timeoutMs);
    }
  });
}

/** @param {NodeJS.ErrnoException} err */
function describe(err) {
  return err.code ? `${err.code} (${err.message})` : err.message;
}

// One export each: TypeScript 7 reads a class in a `module.exports = { ... }` literal as a value
// only, and ExchangeError is a type to its importers too.
exports.exchange = exchange;
exports.ExchangeError = ExchangeError;
