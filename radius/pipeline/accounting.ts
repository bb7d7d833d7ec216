// Accounting-Request by status type: Start / Interim-Update / Stop become a session record; Accounting-On and
// -Off close the router's open sessions. The answer is built only after the accounting service says the
// record is durable.
import type { AccountingRecord, AcctStatus } from '../../src/domain/accounting-session.js';
import { terminateCauseName } from '../../src/domain/accounting-session.js';
import { normalizeMac } from '../../src/domain/mac.js';
import type { AccountingOp, AccountingService } from '../../src/services/radius/accounting.js';
import type { StepDownWatcher } from '../../src/services/radius/step-down.js';
import { AcctStatusType, Attr, Code } from '../dictionary.js';
import type { RadiusMetrics } from '../metrics.js';
import { attr, attrInt, attrIp, attrString, type Packet } from '../packet.js';
import { deviceIdFromClass } from './mikrotik-reply.js';
import type { RadiusRequest, StageOutcome } from './types.js';

export interface AccountingDeps {
  readonly accounting: AccountingService;
  readonly metrics: RadiusMetrics;
  /** Sees each stored record (a plan's step-down by CoA); absent: nothing watches. */
  readonly stepDown?: Pick<StepDownWatcher, 'observe'> | undefined;
}

const STATUS: Record<number, AcctStatus> = {
  [AcctStatusType.Start]: 'start',
  [AcctStatusType.Stop]: 'stop',
  [AcctStatusType.InterimUpdate]: 'interim',
};

const counter64 = (p: Packet, octets: number, gigawords: number) =>
  (attrInt(p, gigawords) ?? 0) * 2 ** 32 + (attrInt(p, octets) ?? 0);

export function accountingOp(req: RadiusRequest): AccountingOp | 'ignore' | undefined {
  const p = req.packet;
  const type = attrInt(p, Attr.AcctStatusType);
  if (type === undefined) return undefined;
  if (type === AcctStatusType.AccountingOn || type === AcctStatusType.AccountingOff) {
    return {
      kind: 'close-router',
      routerId: req.nas.routerId,
      at: req.receivedAt,
      cause: type === AcctStatusType.AccountingOn ? 'NAS-Reboot' : 'NAS-Request',
    };
  }
  const status = STATUS[type];
  // Other types (tunnel accounting, Failed) are acknowledged and not recorded.
  if (!status) return 'ignore';
  const acctSessionId = attrString(p, Attr.AcctSessionId);
  if (!acctSessionId || acctSessionId.length > 64) return undefined;
  const userName = attrString(p, Attr.UserName) ?? '';
  const calling = attrString(p, Attr.CallingStationId);
  const cause = attrInt(p, Attr.AcctTerminateCause);
  const className = attr(p, Attr.Class);
  const record: AccountingRecord = {
    routerId: req.nas.routerId,
    acctSessionId,
    status,
    at: req.receivedAt,
    username: userName.slice(0, 128),
    mac: calling === undefined ? null : (normalizeMac(calling) ?? null),
    framedIp: attrIp(p, Attr.FramedIpAddress) ?? null,
    nasPort: attrInt(p, Attr.NasPort) ?? null,
    className: className ? className.toString('latin1').slice(0, 64) : null,
    deviceId: deviceIdFromClass(className),
    inputBytes: counter64(p, Attr.AcctInputOctets, Attr.AcctInputGigawords),
    outputBytes: counter64(p, Attr.AcctOutputOctets, Attr.AcctOutputGigawords),
    sessionTimeS: attrInt(p, Attr.AcctSessionTime) ?? 0,
    terminateCause: status === 'stop' && cause !== undefined ? terminateCauseName(cause) : null,
  };
  return { kind: 'record', record };
}

export async function handleAccountingRequest(
  req: RadiusRequest,
  deps: AccountingDeps,
): Promise<StageOutcome> {
  const op = accountingOp(req);
  if (op === undefined) return { drop: 'missing_attribute' };
  if (op !== 'ignore') {
    try {
      await deps.accounting.submit(op);
    } catch {
      // Not stored, so not answered: the router retransmits and a later commit takes it.
      return { drop: 'storage_error' };
    }
    if (op.kind === 'record') deps.stepDown?.observe(op.record);
  }
  return { reply: { code: Code.AccountingResponse, attributes: [], messageAuthenticator: false } };
}
