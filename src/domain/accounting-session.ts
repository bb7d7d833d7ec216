// How one accounting record changes a session. Counters only ever move forward (the larger total wins), so a
// retransmission, an Interim after the Stop, a Stop without a Start or records out of order never count a byte
// twice; the deltas are what usage_daily receives.

export type AcctStatus = 'start' | 'interim' | 'stop';

export interface AccountingRecord {
  readonly routerId: number;
  readonly acctSessionId: string;
  readonly status: AcctStatus;
  /** Arrival time (the router clock in Event-Timestamp is not trusted). */
  readonly at: number;
  readonly username: string;
  readonly mac: string | null;
  readonly framedIp: string | null;
  readonly nasPort: number | null;
  readonly className: string | null;
  /** Device named by the Class we sent in Access-Accept, when present. */
  readonly deviceId: number | null;
  /** 64-bit totals: octets + 2^32 × gigawords. */
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly sessionTimeS: number;
  readonly terminateCause: string | null;
}

export interface SessionState {
  readonly routerId: number;
  readonly acctSessionId: string;
  readonly deviceId: number | null;
  readonly username: string;
  readonly mac: string | null;
  readonly framedIp: string | null;
  readonly nasPort: number | null;
  readonly className: string | null;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly stoppedAt: number | null;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly sessionTimeS: number;
  readonly terminateCause: string | null;
  /** 'active' | 'stopped' | 'closed' */
  readonly state: string;
}

export interface UsageDelta {
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly seconds: number;
  /** 1 when this record opened the session row. */
  readonly sessions: number;
}

export function applyAccounting(
  before: SessionState | undefined,
  rec: AccountingRecord,
): { state: SessionState; delta: UsageDelta } {
  if (!before) {
    const state: SessionState = {
      routerId: rec.routerId,
      acctSessionId: rec.acctSessionId,
      deviceId: rec.deviceId,
      username: rec.username,
      mac: rec.mac,
      framedIp: rec.framedIp,
      nasPort: rec.nasPort,
      className: rec.className,
      startedAt: rec.at - rec.sessionTimeS * 1000,
      updatedAt: rec.at,
      stoppedAt: rec.status === 'stop' ? rec.at : null,
      inputBytes: rec.inputBytes,
      outputBytes: rec.outputBytes,
      sessionTimeS: rec.sessionTimeS,
      terminateCause: rec.status === 'stop' ? rec.terminateCause : null,
      state: rec.status === 'stop' ? 'stopped' : 'active',
    };
    return {
      state,
      delta: {
        inputBytes: rec.inputBytes,
        outputBytes: rec.outputBytes,
        seconds: rec.sessionTimeS,
        sessions: 1,
      },
    };
  }
  const inputBytes = Math.max(before.inputBytes, rec.inputBytes);
  const outputBytes = Math.max(before.outputBytes, rec.outputBytes);
  const sessionTimeS = Math.max(before.sessionTimeS, rec.sessionTimeS);
  // A Stop ends an active session or one we closed ourselves; nothing reopens a session once it ended.
  const stopping = rec.status === 'stop' && before.state !== 'stopped';
  const state: SessionState = {
    ...before,
    deviceId: before.deviceId ?? rec.deviceId,
    mac: before.mac ?? rec.mac,
    framedIp: rec.framedIp ?? before.framedIp,
    nasPort: before.nasPort ?? rec.nasPort,
    className: before.className ?? rec.className,
    updatedAt: Math.max(before.updatedAt, rec.at),
    stoppedAt: stopping ? rec.at : before.stoppedAt,
    inputBytes,
    outputBytes,
    sessionTimeS,
    terminateCause: stopping ? rec.terminateCause : before.terminateCause,
    state: stopping ? 'stopped' : before.state,
  };
  return {
    state,
    delta: {
      inputBytes: inputBytes - before.inputBytes,
      outputBytes: outputBytes - before.outputBytes,
      seconds: sessionTimeS - before.sessionTimeS,
      sessions: 0,
    },
  };
}

/** Sessions a router forgot (Accounting-On/Off: it rebooted or turned accounting off). */
export function closeSession(before: SessionState, at: number, cause: string): SessionState {
  if (before.state !== 'active') return before;
  return {
    ...before,
    state: 'closed',
    stoppedAt: at,
    updatedAt: Math.max(before.updatedAt, at),
    terminateCause: cause,
  };
}

/** RFC 2866 §5.10 Acct-Terminate-Cause names. */
const TERMINATE_CAUSES = [
  '',
  'User-Request',
  'Lost-Carrier',
  'Lost-Service',
  'Idle-Timeout',
  'Session-Timeout',
  'Admin-Reset',
  'Admin-Reboot',
  'Port-Error',
  'NAS-Error',
  'NAS-Request',
  'NAS-Reboot',
  'Port-Unneeded',
  'Port-Preempted',
  'Port-Suspended',
  'Service-Unavailable',
  'Callback',
  'User-Error',
  'Host-Request',
];

export function terminateCauseName(code: number): string {
  return TERMINATE_CAUSES[code] || `Cause-${code}`;
}
