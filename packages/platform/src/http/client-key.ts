import { isIPv4 } from 'node:net';

/**
 * What a client is counted as by every per-address budget (the gateway's rate limits, the user
 * service's attempt counters): its IPv4 address, or the /64 network of its IPv6 address (one
 * subscriber usually gets a whole /64, so rotating addresses inside it must not reset the count).
 */
export function clientKey(address: string): string {
  const ip = address.split('%', 1)[0]!.toLowerCase();
  if (isIPv4(ip)) return ip;
  if (ip.startsWith('::ffff:') && isIPv4(ip.slice(7))) return ip.slice(7);
  const [head = '', tail] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...zeros, ...tailGroups].slice(0, 4);
  return `${groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
