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
 * What a canonical MAC says of the device: no phone has the all-zero, broadcast or a multicast (group) address;
 * a locally administered one is a phone's per-network random MAC, which changes if the owner resets it.
 */
export type MacKind = 'device' | 'randomised' | 'zero' | 'broadcast' | 'multicast';

export function macKind(canonical: string): MacKind {
  if (canonical === '00:00:00:00:00:00') return 'zero';
  if (canonical === 'FF:FF:FF:FF:FF:FF') return 'broadcast';
  const first = Number.parseInt(canonical.slice(0, 2), 16);
  if (first & 0x01) return 'multicast';
  return first & 0x02 ? 'randomised' : 'device';
}

/** A MAC that names one device (not zero, broadcast or multicast): only such a MAC may be bound to an account. */
export function isUnicastMac(canonical: string): boolean {
  const kind = macKind(canonical);
  return kind === 'device' || kind === 'randomised';
}
