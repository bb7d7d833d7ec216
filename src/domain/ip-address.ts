// IP addresses as operators type them, in one canonical text form so that equal addresses compare equal:
// dotted IPv4 without leading zeros, and IPv6 as RFC 5952 writes it (lower case, longest zero run as `::`),
// which is also how Node reports a packet's source address. An IPv4-mapped IPv6 address becomes plain IPv4.

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const GROUP = /^[0-9a-f]{1,4}$/;

export type IpVersion = 4 | 6;

/** The canonical form and version, or undefined when the text is not an IP address. */
export function normalizeIp(text: string): { address: string; version: IpVersion } | undefined {
  const t = text.trim().toLowerCase();
  if (IPV4.test(t)) return { address: t, version: 4 };
  const groups = parseIpv6(t);
  if (!groups) return undefined;
  const isV4Mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isV4Mapped) {
    const [hi, lo] = [groups[6]!, groups[7]!];
    return { address: [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.'), version: 4 };
  }
  return { address: formatIpv6(groups), version: 6 };
}

function parseIpv6(t: string): number[] | undefined {
  if (t.includes('%')) return undefined; // zone ids name a local interface, not a router
  // A trailing dotted IPv4 part (`::ffff:192.0.2.1`) is two groups written differently.
  const lastColon = t.lastIndexOf(':');
  const v4 = t.slice(lastColon + 1);
  let text = t;
  if (v4.includes('.')) {
    if (!IPV4.test(v4)) return undefined;
    const o = v4.split('.').map(Number);
    text = `${t.slice(0, lastColon + 1)}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string | undefined) => (part ? part.split(':') : []);
  const head = split(halves[0]);
  const rest = split(halves[1]);
  if (![...head, ...rest].every((g) => GROUP.test(g))) return undefined;
  const explicit = head.length + rest.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const hex = (g: string) => Number.parseInt(g, 16);
  const zeros = new Array<number>(8 - explicit).fill(0);
  return [...head.map(hex), ...zeros, ...rest.map(hex)];
}

function formatIpv6(groups: number[]): string {
  // The longest run of two or more zero groups (the first on a tie) becomes `::`.
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { start: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.len < 2) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.len).join(':')}`;
}
