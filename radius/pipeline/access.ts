// Access-Request: authorize (look the device up) → authenticate (PAP, CHAP, MAC) → decide (the pure domain
// function) → post-auth (MikroTik reply attributes, auth log, metrics). A login ticket (user name `wt-…`) takes
// its own short path first: CHAP against the ticket, then it is used up and the router's Calling-Station-Id is
// bound, and the request is decided as for that device.
import { type Decision, rejectDecision } from '../../src/domain/authorize.js';
import { isTicketUsername } from '../../src/domain/login-ticket.js';
import { normalizeMac } from '../../src/domain/mac.js';
import type { InstitutionAccess } from '../../src/services/institutions/institution-access.js';
import type { LoginTicketService } from '../../src/services/portal/login-tickets.js';
import type { AuthLogService } from '../../src/services/radius/auth-log.js';
import type { SubjectService } from '../../src/services/radius/radius-auth.js';
import { Attr } from '../dictionary.js';
import type { RadiusMetrics } from '../metrics.js';
import { attr, attrString, type Packet } from '../packet.js';
import { verifyChap } from '../signing.js';
import { authMethod, checkCredentials } from './authenticate.js';
import { institutionClass, mikrotikReply } from './mikrotik-reply.js';
import type { RadiusRequest, Reply, StageOutcome } from './types.js';
import { type VoucherStageDeps, voucherDecision, voucherReply } from './voucher-access.js';

export interface AccessDeps {
  readonly subjects: SubjectService;
  readonly authLog: AuthLogService;
  readonly metrics: RadiusMetrics;
  readonly macAuthPassword: string;
  /** Login tickets; without them a ticket user name is an unknown device. */
  readonly tickets?: Pick<LoginTicketService, 'secretOf' | 'redeem'> | undefined;
  /** Vouchers; without them a code is an unknown device. */
  readonly vouchers?: VoucherStageDeps | undefined;
  /** Institution devices; without them an unknown MAC login is an unknown device. */
  readonly institutions?: InstitutionAccess | undefined;
}

export async function handleAccessRequest(req: RadiusRequest, deps: AccessDeps): Promise<StageOutcome> {
  const p = req.packet;
  const userName = attrString(p, Attr.UserName);
  if (userName === undefined) return { drop: 'missing_attribute' };
  const callingRaw = attrString(p, Attr.CallingStationId);
  const callingMac = callingRaw === undefined ? undefined : normalizeMac(callingRaw);

  const voucherOr = isTicketUsername(userName)
    ? await ticketDecision(p, userName, callingMac, deps)
    : await deviceDecision(p, req.secret, userName, callingMac, deps);
  const { decision, reply } =
    'voucher' in voucherOr ? voucherOr.voucher : { decision: voucherOr, reply: mikrotikReply(voucherOr) };

  deps.authLog.record({
    at: req.receivedAt,
    routerId: req.nas.routerId,
    mac: callingMac ?? normalizeMac(userName) ?? null,
    username: userName.slice(0, 64),
    decision: decision.decision,
    reason: decision.reason,
  });
  if (decision.decision === 'accept') deps.metrics.accepts.inc({ reason: decision.reason });
  else deps.metrics.rejects.inc({ reason: decision.reason });
  return { reply };
}

/** A decision as the auth log and metrics see it, with the reply already spelled. */
interface Logged {
  readonly decision: { readonly decision: 'accept' | 'reject'; readonly reason: string };
  readonly reply: Reply;
}

async function deviceDecision(
  p: Packet,
  nasSecret: Uint8Array,
  userName: string,
  callingMac: string | undefined,
  deps: AccessDeps,
): Promise<Decision | { voucher: Logged }> {
  const subject = await deps.subjects.lookup(userName);
  // No device by that name (and not a MAC login): perhaps a voucher code.
  if (subject === undefined && deps.vouchers && normalizeMac(userName) === undefined) {
    const v = await voucherDecision(p, nasSecret, userName, callingMac, deps.vouchers);
    if (v) {
      const decision: Logged['decision'] =
        v.decision === 'accept'
          ? { decision: 'accept', reason: v.grant.throttled ? 'voucher_at_quota' : 'voucher' }
          : { decision: 'reject', reason: v.reason };
      return { voucher: { decision, reply: voucherReply(v, deps.vouchers.interimIntervalS) } };
    }
  }
  // No resident's device by that MAC: perhaps an institution's (MAC authentication only).
  const loginMac = subject === undefined ? normalizeMac(userName) : undefined;
  if (loginMac !== undefined && deps.institutions) {
    const facts = await deps.institutions.lookup(loginMac);
    if (facts) {
      const credentialsOk =
        authMethod(p) !== 'none' &&
        checkCredentials(p, nasSecret, { matchedBy: 'mac', secret: '' }, userName, deps.macAuthPassword);
      const decision = deps.institutions.decide({ facts, credentialsOk, callingMac: callingMac ?? loginMac });
      return { voucher: { decision, reply: mikrotikReply(decision, institutionClass(facts.institutionId)) } };
    }
  }
  const credentialsOk =
    subject !== undefined &&
    authMethod(p) !== 'none' &&
    checkCredentials(p, nasSecret, subject, userName, deps.macAuthPassword);
  return deps.subjects.decide({
    subject: subject?.facts,
    credentialsOk,
    // A MAC login without Calling-Station-Id names its MAC in User-Name.
    callingMac: callingMac ?? (subject?.matchedBy === 'mac' ? normalizeMac(userName) : undefined),
  });
}

/**
 * A ticket answers CHAP only (its secret never travels otherwise), and is used up only once that checked out:
 * a stranger guessing at it cannot spend a resident's ticket.
 */
async function ticketDecision(
  p: Packet,
  userName: string,
  callingMac: string | undefined,
  deps: AccessDeps,
): Promise<Decision> {
  const secret = deps.tickets ? await deps.tickets.secretOf(userName) : undefined;
  if (secret === undefined || !deps.tickets) return rejectDecision('unknown_device');
  const chap = attr(p, Attr.ChapPassword);
  const challenge = attr(p, Attr.ChapChallenge) ?? p.authenticator;
  if (!chap || !verifyChap(chap, challenge, Buffer.from(secret, 'utf8')))
    return rejectDecision('bad_credentials');
  const login = await deps.tickets.redeem(userName, callingMac);
  if (login.kind === 'refused') {
    return rejectDecision(
      login.reason,
      login.devicesAllowed === undefined ? {} : { devicesAllowed: login.devicesAllowed },
    );
  }
  // Now exactly as for that device: its account, plan, quota, live devices.
  const subject = await deps.subjects.lookup(login.deviceUsername);
  return deps.subjects.decide({ subject: subject?.facts, credentialsOk: subject !== undefined, callingMac });
}
