// Stage: authenticate. One method per request, chosen by what it carries: CHAP (CHAP-Password, challenge from
// CHAP-Challenge or the Request Authenticator) or PAP (User-Password). The expected cleartext is the device's
// secret, or for MAC authentication either the configured MAC password (`mac-as-username`) or the User-Name
// itself (`mac-as-username-and-password`, in whatever radius-mac-format the router uses).
import { timingSafeEqual } from 'node:crypto';
import type { Subject } from '../../src/services/radius/radius-auth.js';
import { Attr } from '../dictionary.js';
import { attr, type Packet } from '../packet.js';
import { decryptPapPassword, verifyChap } from '../signing.js';

export type AuthMethod = 'chap' | 'pap' | 'none';

export function authMethod(p: Packet): AuthMethod {
  if (attr(p, Attr.ChapPassword)) return 'chap';
  if (attr(p, Attr.UserPassword)) return 'pap';
  return 'none';
}

function expectedPasswords(
  subject: Pick<Subject, 'matchedBy' | 'secret'>,
  userName: string,
  macAuthPassword: string,
): Buffer[] {
  if (subject.matchedBy === 'username') return [Buffer.from(subject.secret, 'utf8')];
  const out = [Buffer.from(macAuthPassword, 'utf8')];
  if (userName !== macAuthPassword) out.push(Buffer.from(userName, 'utf8'));
  return out;
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export function checkCredentials(
  p: Packet,
  nasSecret: Uint8Array,
  subject: Pick<Subject, 'matchedBy' | 'secret'>,
  userName: string,
  macAuthPassword: string,
): boolean {
  const expected = expectedPasswords(subject, userName, macAuthPassword);
  const chap = attr(p, Attr.ChapPassword);
  if (chap) {
    const challenge = attr(p, Attr.ChapChallenge) ?? p.authenticator;
    return expected.some((pw) => verifyChap(chap, challenge, pw));
  }
  const hidden = attr(p, Attr.UserPassword);
  if (hidden) {
    const given = decryptPapPassword(hidden, nasSecret, p.authenticator);
    return given !== undefined && expected.some((pw) => same(given, pw));
  }
  return false;
}
