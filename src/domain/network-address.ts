import { BlockList, isIP } from "node:net";

// Which addresses a URL the bot fetches on a member's behalf (a DFC catalogue)
// may reach: the public internet only. Without this a member could make the
// bot read the machine's own services (a database, a cloud metadata endpoint)
// and show what came back: server-side request forgery.

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** Is `ip` an address on the public internet (not loopback, private, link-local, reserved…)? Not an IP at all: false. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !blocked.check(ip, "ipv4");
  if (family !== 6) return false;
  const lower = ip.toLowerCase();
  // an IPv4 address written as IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1, or the NAT64 64:ff9b::…) is judged as that IPv4 address
  const mapped = /^(?:::ffff:|64:ff9b::)(.+)$/.exec(lower)?.[1];
  if (mapped) {
    if (isIP(mapped) === 4) return isPublicAddress(mapped);
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped);
    if (!hex) return false;
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    return isPublicAddress([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."));
  }
  // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: never a public host
  if (lower.startsWith("::")) return false;
  return !blocked.check(ip, "ipv6");
}
