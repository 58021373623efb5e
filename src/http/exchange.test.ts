import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { exchange, ExchangeError } from "./exchange";

/**
 * A raw HTTP/1.1 server whose `decide` sees each request's first line and the number of requests
 * its connection has carried, and answers (a body) or drops the connection without a word.
 */
async function rawServer(decide: (line: string, onConnection: number) => string | "drop" | "hang"): Promise<{
  url: string;
  connections: number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    state.connections++;
    let carried = 0;
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("latin1");
      // One request a time: its head, then its content-length's worth of body.
      for (;;) {
        const head = buffered.indexOf("\r\n\r\n");
        if (head < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, head))?.[1] ?? 0);
        if (buffered.length < head + 4 + length) return;
        const line = buffered.slice(0, buffered.indexOf("\r\n"));
        const body = buffered.slice(head + 4, head + 4 + length);
        buffered = buffered.slice(head + 4 + length);
        const answer = decide(`${line} ${body}`.trim(), ++carried);
        if (answer === "drop") return void socket.destroy();
        if (answer === "hang") continue;
        socket.write(
          `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${answer.length}\r\nconnection: keep-alive\r\n\r\n${answer}`,
        );
      }
    });
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("an HTTP exchange", () => {
  test("reuses its connection, and sends a GET again on a new one when the server had closed the reused one", async () => {
    // The second request on a connection finds it closed, as when a server's idle timeout races a request.
    const seen: string[] = [];
    const server = await rawServer((line, onConnection) => {
      seen.push(line);
      return onConnection === 2 ? "drop" : `answered ${line}`;
    });
    try {
      const first = await exchange(`${server.url}/a`);
      expect(first).toEqual({ status: 200, ok: true, text: "answered GET /a HTTP/1.1" });
      const second = await exchange(`${server.url}/b`);
      expect(second.text).toBe("answered GET /b HTTP/1.1");
      expect(seen).toEqual(["GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /b HTTP/1.1"]);
      expect(server.connections).toBe(2);
    } finally {
      await server.close();
    }
  });

  test("a POST whose reused connection is closed fails, and is never sent twice: the server may have read it", async () => {
    const seen: string[] = [];
    const server = await rawServer((line, onConnection) => {
      seen.push(line);
      return onConnection === 2 ? "drop" : "ok";
    });
    try {
      await exchange(`${server.url}/a`, { method: "POST", body: "one" });
      const error = await exchange(`${server.url}/import`, { method: "POST", body: "two" }).catch((e: unknown) => e);
      expect((error as ExchangeError).message).toMatch(/^ECONNRESET /);
      expect(seen).toEqual(["POST /a HTTP/1.1 one", "POST /import HTTP/1.1 two"]);
    } finally {
      await server.close();
    }
  });

  test("a timeout ends the exchange for good, on a reused connection too: nothing is sent after it", async () => {
    const seen: string[] = [];
    const server = createHttpServer((request, response) => {
      seen.push(request.url!);
      if (request.url !== "/stalls") response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await exchange(`${url}/first`);
      await expect(exchange(`${url}/stalls`, { timeoutMs: 100 })).rejects.toThrow("no answer within 100 ms");
      // A request sent again after the timeout would reach the server before these, each on a
      // connection opened after it.
      await exchange(`${url}/after`);
      await exchange(`${url}/after`);
      expect(seen).toEqual(["/first", "/stalls", "/after", "/after"]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("header values are trimmed as fetch trims them; a value Node refuses, or no URL, is an ExchangeError", async () => {
    const server = await rawServer(() => "ok");
    try {
      await expect(exchange(`${server.url}/x`, { headers: { authorization: "Bearer abc\n" } })).resolves.toMatchObject({
        ok: true,
      });
      await expect(exchange(`${server.url}/x`, { headers: { authorization: "Bearer a\nb" } })).rejects.toThrow(
        ExchangeError,
      );
      await expect(exchange("127.0.0.1:8428/x")).rejects.toThrow(
        new ExchangeError("not a URL: 127.0.0.1:8428/x", undefined),
      );
    } finally {
      await server.close();
    }
  });

  test("a new connection dropped before an answer fails without a status, and is not sent again", async () => {
    let asked = 0;
    const server = await rawServer(() => (asked++, "drop"));
    try {
      const error = await exchange(`${server.url}/x`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExchangeError);
      expect((error as ExchangeError).status).toBeUndefined();
      expect((error as ExchangeError).message).toMatch(/^ECONNRESET \(socket hang up\)$/);
      expect(asked).toBe(1);
    } finally {
      await server.close();
    }
  });

  test("a refused connection names its code and address; an unsupported protocol says which ones are", async () => {
    const server = await rawServer(() => "");
    await server.close(); // its port is now free: nothing listens there
    await expect(exchange(`${server.url}/x`)).rejects.toThrow(
      /^ECONNREFUSED \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
    );
    await expect(exchange("ftp://127.0.0.1/x")).rejects.toThrow("unsupported protocol ftp: (http or https)");
  });
});
