// The RADIUS pipeline: bytes in, bytes out (or nothing). verify → reply cache → by code: Access-Request
// (authorize, authenticate, decide, post-auth), Accounting-Request (by status type), Status-Server → sign the
// answer with Message-Authenticator and copy Proxy-State. No sockets here, so it is tested without UDP.

import type { InstitutionAccess } from '../../src/services/institutions/institution-access.js';
import type { LoginTicketService } from '../../src/services/portal/login-tickets.js';
import type { AccountingService } from '../../src/services/radius/accounting.js';
import type { AuthLogService } from '../../src/services/radius/auth-log.js';
import type { SubjectService } from '../../src/services/radius/radius-auth.js';
import type { NasService } from '../../src/services/radius/radius-nas.js';
import type { StepDownWatcher } from '../../src/services/radius/step-down.js';
import { Attr, Code } from '../dictionary.js';
import type { DropReporter } from '../drop-reporter.js';
import type { RadiusMetrics } from '../metrics.js';
import type { OutAttribute } from '../packet.js';
import { ReplyCache } from '../reply-cache.js';
import { encodeResponse } from '../signing.js';
import { handleAccessRequest } from './access.js';
import { handleAccountingRequest } from './accounting.js';
import type { ListenerKind, RadiusRequest, Reply, Source, StageOutcome } from './types.js';
import { verifyRequest } from './verify.js';
import type { VoucherStageDeps } from './voucher-access.js';

export interface PipelineDeps {
  readonly nas: NasService;
  readonly subjects: SubjectService;
  readonly accounting: AccountingService;
  readonly authLog: AuthLogService;
  readonly metrics: RadiusMetrics;
  readonly macAuthPassword: string;
  /** Login tickets the portal issued; without them a ticket user name is an unknown device. */
  readonly tickets?: Pick<LoginTicketService, 'secretOf' | 'redeem'> | undefined;
  /** Vouchers (and the guard against guessing their codes); without them a code is an unknown device. */
  readonly vouchers?: VoucherStageDeps | undefined;
  /** Institution devices; without them an unknown MAC login is an unknown device. */
  readonly institutions?: InstitutionAccess | undefined;
  /** Sees each stored accounting record (a plan's step-down by CoA). */
  readonly stepDown?: Pick<StepDownWatcher, 'observe'> | undefined;
  readonly now: () => number;
  /**
   * How long answers stay in the reply cache: RouterOS resends after its 1.1 s timeout, a few times. A resend
   * after that is processed again, harmlessly: accounting is idempotent.
   */
  readonly replyCacheMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Makes drops an operator can fix visible (auth log and log); see drop-reporter.ts. */
  readonly drops?: DropReporter | undefined;
}

export interface Pipeline {
  /** The encoded answer, or undefined when the packet is dropped. Never throws. */
  handle(buf: Buffer, source: Source, listener: ListenerKind): Promise<Buffer | undefined>;
}

const KIND: Record<number, string> = {
  [Code.AccessRequest]: 'access',
  [Code.AccountingRequest]: 'accounting',
  [Code.StatusServer]: 'status',
};

function statusReply(req: RadiusRequest): Reply {
  // RFC 5997 §3: Access-Accept on the authentication port, Accounting-Response on the accounting port.
  return {
    code: req.listener === 'auth' ? Code.AccessAccept : Code.AccountingResponse,
    attributes: [],
    messageAuthenticator: true,
  };
}

function encode(req: RadiusRequest, reply: Reply): Buffer {
  const proxyStates: OutAttribute[] = [];
  const p = req.packet;
  for (let i = 0; i < p.types.length; i++) {
    if (p.types[i] === Attr.ProxyState)
      proxyStates.push([Attr.ProxyState, p.raw.subarray(p.starts[i], p.ends[i])]);
  }
  return encodeResponse({
    code: reply.code,
    identifier: req.packet.identifier,
    requestAuthenticator: req.packet.authenticator,
    attributes: proxyStates.length > 0 ? [...reply.attributes, ...proxyStates] : reply.attributes,
    secret: req.secret,
    // BlastRADIUS guidance puts it first in responses; RouterOS accepts it in any position.
    messageAuthenticator: reply.messageAuthenticator ? 'first' : 'none',
  });
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const cache = new ReplyCache({ ttlMs: deps.replyCacheMs ?? 3000, now: deps.now });
  const { metrics } = deps;

  const dispatch = (req: RadiusRequest): Promise<StageOutcome> => {
    switch (req.packet.code) {
      case Code.AccessRequest:
        return handleAccessRequest(req, deps);
      case Code.AccountingRequest:
        return handleAccountingRequest(req, deps);
      default:
        return Promise.resolve({ reply: statusReply(req) });
    }
  };

  const processPacket = async (buf: Buffer, source: Source, listener: ListenerKind, started: number) => {
    const verified = await verifyRequest(buf, source, listener, deps.nas, deps.now());
    if ('drop' in verified) {
      metrics.drops.inc({ reason: verified.drop });
      deps.drops?.report({ reason: verified.drop, source: source.address, nas: verified.nas });
      return undefined;
    }
    const req = verified.request;
    const kind = KIND[req.packet.code] ?? 'other';
    metrics.requests.inc({ kind });
    if (req.packet.code === Code.StatusServer) return encode(req, statusReply(req));

    const { address, port } = source;
    const cached = cache.get(address, port, req.packet.raw);
    if (cached) {
      metrics.duplicates.inc({ kind });
      return cached;
    }
    const answer = dispatch(req)
      .then((outcome) => {
        if ('drop' in outcome) {
          metrics.drops.inc({ reason: outcome.drop });
          cache.settle(address, port, req.packet.raw, undefined);
          return undefined;
        }
        const out = encode(req, outcome.reply);
        cache.settle(address, port, req.packet.raw, out);
        metrics.latency.observe((performance.now() - started) / 1000, { kind });
        return out;
      })
      // After the stage, not beside it: an answer that cannot be encoded (too long with the Proxy-States it
      // must copy) must also settle, or its in-progress entry would stay and answer every resend with nothing.
      .catch((error: unknown) => {
        // A store that failed (database down): no answer, so the router retries or fails over.
        cache.settle(address, port, req.packet.raw, undefined);
        metrics.drops.inc({ reason: 'internal_error' });
        deps.onError?.(error);
        return undefined;
      });
    cache.begin(address, port, req.packet.raw, answer);
    return answer;
  };

  return {
    async handle(buf, source, listener) {
      const started = performance.now();
      try {
        return await processPacket(buf, source, listener, started);
      } catch (error) {
        metrics.drops.inc({ reason: 'internal_error' });
        deps.onError?.(error);
        return undefined;
      }
    },
  };
}
