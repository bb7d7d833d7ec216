// Stage 1: is this a packet we answer, from a router we know, signed with its secret? Anything else is dropped
// and counted, never answered (an answer would be an oracle for the secret, or a reflection).
import type { Nas, NasService } from '../../src/services/radius/radius-nas.js';
import { Code } from '../dictionary.js';
import { decodePacket } from '../packet.js';
import { verifyRequestAuthenticator, verifyRequestMessageAuthenticator } from '../signing.js';
import type { DropReason, ListenerKind, RadiusRequest, Source } from './types.js';

const ACCEPTED: Record<ListenerKind, readonly number[]> = {
  auth: [Code.AccessRequest, Code.StatusServer],
  acct: [Code.AccountingRequest, Code.StatusServer],
};

export async function verifyRequest(
  buf: Buffer,
  source: Source,
  listener: ListenerKind,
  nasService: NasService,
  receivedAt: number,
): Promise<{ request: RadiusRequest } | { drop: DropReason; nas?: Nas | undefined }> {
  const decoded = decodePacket(buf);
  if (!decoded.ok) return { drop: 'malformed' };
  const packet = decoded.packet;
  if (!ACCEPTED[listener].includes(packet.code)) return { drop: 'unexpected_code' };
  const nas = await nasService.find(source.address);
  if (!nas) return { drop: 'unknown_nas' };
  const secret = nas.secret;
  // The router is known: a drop from here on names it, so the operator knows which one to fix.
  const drop = (reason: DropReason) => ({ drop: reason, nas });

  switch (packet.code) {
    case Code.AccessRequest:
      if (packet.maOffset >= 0) {
        if (!verifyRequestMessageAuthenticator(packet, secret, false))
          return drop('bad_message_authenticator');
      } else if (nas.requireMessageAuth) {
        // BlastRADIUS (CVE-2024-3596): without it, a forged Access-Request/Accept pair is possible.
        return drop('missing_message_authenticator');
      }
      break;
    case Code.StatusServer:
      // RFC 5997 §3: Status-Server MUST carry a Message-Authenticator.
      if (packet.maOffset < 0) return drop('missing_message_authenticator');
      if (!verifyRequestMessageAuthenticator(packet, secret, false)) return drop('bad_message_authenticator');
      break;
    case Code.AccountingRequest:
      if (!verifyRequestAuthenticator(packet, secret)) return drop('bad_authenticator');
      if (packet.maOffset >= 0 && !verifyRequestMessageAuthenticator(packet, secret, true)) {
        return drop('bad_message_authenticator');
      }
      break;
  }
  return { request: { packet, nas, secret, source, listener, receivedAt } };
}
