import { isIPv4, isIPv6 } from "node:net";

/**
 * Whether a listen address (HOST) reaches this machine only. By name only `localhost`: another
 * name may resolve anywhere, so it does not count as loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (address === "localhost") return true;
  if (isIPv4(address)) return address.startsWith("127.");
  if (isIPv6(address)) return address === "::1" || /^::ffff:127\./.test(address);
  return false;
}
