// CoA-Request and Disconnect-Request (RFC 5176) to a router's `/radius incoming` port. Signed by hand per
// RFC 5176 §3.4 (Message-Authenticator first, then the Request Authenticator over it), which npm `radius` gets
// backwards. Retries on silence; reports ACK or NAK with its Error-Cause.
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { Attr, Code } from './dictionary.js';
import { attrInt, decodePacket, ip, type OutAttribute, str } from './packet.js';
import { encodeSignedRequest, verifyResponse } from './signing.js';

export interface CoaTarget {
  readonly host: string;
  readonly port: number;
  readonly secret: string;
}

/** The session, named as RouterOS matches it: User-Name, Acct-Session-Id, Framed-IP-Address, NAS-IP-Address. */
export interface SessionIdentity {
  readonly userName: string;
  readonly acctSessionId: string;
  readonly framedIp?: string | null;
  readonly nasIp?: string | null;
}

export type CoaResult =
  | { readonly outcome: 'ack'; readonly code: number }
  | { readonly outcome: 'nak'; readonly code: number; readonly errorCause: number | undefined }
  | { readonly outcome: 'timeout'; readonly tries: number };

export interface CoaOptions {
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly messageAuthenticator?: boolean;
}

/** RFC 5176 §3.6 Error-Cause values, as operators read them. */
export const ERROR_CAUSES: Record<number, string> = {
  201: 'Residual Session Context Removed',
  202: 'Invalid EAP Packet',
  401: 'Unsupported Attribute',
  402: 'Missing Attribute',
  403: 'NAS Identification Mismatch',
  404: 'Invalid Request',
  405: 'Unsupported Service',
  406: 'Unsupported Extension',
  407: 'Invalid Attribute Value',
  501: 'Administratively Prohibited',
  502: 'Request Not Routable (Proxy)',
  503: 'Session Context Not Found',
  504: 'Session Context Not Removable',
  505: 'Other Proxy Processing Error',
  506: 'Resources Unavailable',
  507: 'Request Initiated',
  508: 'Multiple Session Selection Unsupported',
};

export function sessionAttributes(s: SessionIdentity): OutAttribute[] {
  const out: OutAttribute[] = [str(Attr.UserName, s.userName), str(Attr.AcctSessionId, s.acctSessionId)];
  if (s.framedIp && isIP(s.framedIp) === 4) out.push(ip(Attr.FramedIpAddress, s.framedIp));
  if (s.nasIp && isIP(s.nasIp) === 4) out.push(ip(Attr.NasIpAddress, s.nasIp));
  return out;
}

async function exchange(
  target: CoaTarget,
  code: number,
  attributes: readonly OutAttribute[],
  opts: CoaOptions,
) {
  const secret = Buffer.from(target.secret, 'utf8');
  const request = encodeSignedRequest({
    code,
    identifier: randomInt(256),
    attributes,
    secret,
    messageAuthenticator: opts.messageAuthenticator ?? true,
  });
  const requestAuth = request.subarray(4, 20);
  const tries = (opts.retries ?? 2) + 1;
  const timeoutMs = opts.timeoutMs ?? 1500;
  const ack = code === Code.DisconnectRequest ? Code.DisconnectAck : Code.CoaAck;
  const nak = code === Code.DisconnectRequest ? Code.DisconnectNak : Code.CoaNak;
  const socket = createSocket('udp4');
  try {
    return await new Promise<CoaResult>((resolve, reject) => {
      let sent = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const send = () => {
        if (sent === tries) return resolve({ outcome: 'timeout', tries });
        sent++;
        socket.send(request, target.port, target.host, (err) => err && reject(err));
        timer = setTimeout(send, timeoutMs);
      };
      socket.on('error', reject);
      socket.on('message', (msg) => {
        const d = decodePacket(msg);
        // Anything that is not a signed answer to this very request is ignored, like a router would.
        if (!d.ok || d.packet.identifier !== request[1] || !verifyResponse(d.packet, requestAuth, secret))
          return;
        if (d.packet.code !== ack && d.packet.code !== nak) return;
        clearTimeout(timer);
        resolve(
          d.packet.code === ack
            ? { outcome: 'ack', code: d.packet.code }
            : { outcome: 'nak', code: d.packet.code, errorCause: attrInt(d.packet, Attr.ErrorCause) },
        );
      });
      socket.bind(0, send);
    });
  } finally {
    socket.close();
  }
}

export function sendDisconnect(target: CoaTarget, session: SessionIdentity, opts: CoaOptions = {}) {
  return exchange(target, Code.DisconnectRequest, sessionAttributes(session), opts);
}

/** Changes a live session's attributes (e.g. a new Mikrotik-Rate-Limit after a plan change). */
export function sendCoa(
  target: CoaTarget,
  session: SessionIdentity,
  changes: readonly OutAttribute[],
  opts: CoaOptions = {},
) {
  return exchange(target, Code.CoaRequest, [...sessionAttributes(session), ...changes], opts);
}
