import { isLoopbackHost } from "./loopback";

test.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])(
  "%s is loopback",
  (host) => expect(isLoopbackHost(host)).toBe(true),
);
test.each(["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "localhost.example.com", "128.0.0.1", ""])(
  "%p is not",
  (host) => expect(isLoopbackHost(host)).toBe(false),
);
