// MAC addresses: one canonical form (AA:BB:CC:DD:EE:FF) for storage and comparison, and the formats RouterOS
// can send as a MAC-auth username (`radius-mac-format`).

const HEX12 = /^[0-9A-F]{12}$/;
const CANONICAL = /^[0-9A-F]{2}(?::[0-9A-F]{2}){5}$/;

/** Canonical form, or undefined when the text is not a MAC in any common notation. */
export function normalizeMac(text: string): string | undefined {
  // Every Access-Request asks (Calling-Station-Id, User-Name): answer the usual cases without allocating.
  if (text.length === 17 && CANONICAL.test(text)) return text;
  if (text.length < 12 || text.length > 40) return undefined;
  const hex = text
    .trim()
    .toUpperCase()
    .replace(/[:\-.\s]/g, '');
  if (!HEX12.test(hex)) return undefined;
  return hex.match(/../g)!.join(':');
}

/** RouterOS `radius-mac-format` values. */
export const MAC_FORMATS = [
  'XX:XX:XX:XX:XX:XX',
  'XXXX:XXXX:XXXX',
  'XXXXXX:XXXXXX',
  'XX-XX-XX-XX-XX-XX',
  'XXXXXX-XXXXXX',
  'XXXXXXXXXXXX',
  'XX XX XX XX XX XX',
] as const;
export type MacFormat = (typeof MAC_FORMATS)[number];

/** Writes a canonical MAC in a RouterOS format; `lower` for routers set to send lower case. */
export function formatMac(canonical: string, format: MacFormat, lower = false): string {
  const hex = canonical.replace(/:/g, '');
  let out = '';
  let h = 0;
  for (const ch of format) {
    out += ch === 'X' ? hex[h++] : ch;
  }
  return lower ? out.toLowerCase() : out;
}

/**
 * A canonical MAC that names one device: not multicast/broadcast (the group bit of the first octet) and not
 * all zeros. Only such a MAC may be bound to an account.
 */
export function isUnicastMac(canonical: string): boolean {
  const first = Number.parseInt(canonical.slice(0, 2), 16);
  return (first & 1) === 0 && canonical !== '00:00:00:00:00:00';
}
