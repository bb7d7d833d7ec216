// The one port for "change or end a live hotspot session on its router". Its adapters: RADIUS CoA and
// Disconnect-Request to the router's `/radius incoming` (radius/coa-live-sessions.ts), and the RouterOS API,
// which can only log a host out (src/routeros/api-disconnector.ts). The Node root lists them in the order to try.

/** A live session as a router knows it. */
export interface LiveSession {
  readonly routerId: number;
  readonly username: string;
  readonly acctSessionId: string;
  /** The Framed-IP-Address, when accounting reported one. */
  readonly ip: string | null;
  /** Upper case with colons, when known. */
  readonly mac: string | null;
}

export interface LiveSessionTarget {
  readonly session: LiveSession;
  readonly nasIp: string;
  readonly radiusSecret: string;
}

export interface KickOutcome {
  readonly ok: boolean;
  /** Which way answered: 'radius-coa', 'routeros-api', … */
  readonly via: string;
  /** Human-readable, Indonesian: what the router said. */
  readonly detail: string;
  /** RFC 5176 Error-Cause, when the router sent one. */
  readonly errorCause?: number;
}

export interface LiveSessionControl {
  readonly name: string;
  /** New limits for the session; true when the router acknowledged. Absent where this way cannot change them. */
  changeLimits?(target: LiveSessionTarget, limits: { rateLimit: string; group: string }): Promise<boolean>;
  /** Ends the session. */
  end(target: LiveSessionTarget): Promise<KickOutcome>;
}
