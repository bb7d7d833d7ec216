// Access-Request: authorize (look the device up) → authenticate (PAP, CHAP, MAC) → decide (the pure domain
// function) → post-auth (MikroTik reply attributes, auth log, metrics).
import { normalizeMac } from '../../src/domain/mac.js';
import type { AuthLogService } from '../../src/services/auth-log.js';
import type { SubjectService } from '../../src/services/radius-auth.js';
import { Attr } from '../dictionary.js';
import type { RadiusMetrics } from '../metrics.js';
import { attrString } from '../packet.js';
import { authMethod, checkCredentials } from './authenticate.js';
import { mikrotikReply } from './mikrotik-reply.js';
import type { RadiusRequest, StageOutcome } from './types.js';

export interface AccessDeps {
  readonly subjects: SubjectService;
  readonly authLog: AuthLogService;
  readonly metrics: RadiusMetrics;
  readonly macAuthPassword: string;
}

export async function handleAccessRequest(req: RadiusRequest, deps: AccessDeps): Promise<StageOutcome> {
  const p = req.packet;
  const userName = attrString(p, Attr.UserName);
  if (userName === undefined) return { drop: 'missing_attribute' };
  const callingRaw = attrString(p, Attr.CallingStationId);
  const callingMac = callingRaw === undefined ? undefined : normalizeMac(callingRaw);

  const subject = await deps.subjects.lookup(userName);
  const credentialsOk =
    subject !== undefined &&
    authMethod(p) !== 'none' &&
    checkCredentials(p, req.secret, subject, userName, deps.macAuthPassword);
  const decision = deps.subjects.decide({
    subject: subject?.facts,
    credentialsOk,
    // A MAC login without Calling-Station-Id names its MAC in User-Name.
    callingMac: callingMac ?? (subject?.matchedBy === 'mac' ? normalizeMac(userName) : undefined),
  });

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
  return { reply: mikrotikReply(decision) };
}
