// Ending the live sessions of devices an operator has just taken away (account suspended or removed, device
// removed, NIK reclaimed): each session still open in accounting is kicked through the disconnectors given
// (RADIUS Disconnect-Request first, the RouterOS API after). Best effort: the change itself is already stored,
// so a router that cannot be reached now refuses the device at its next authentication anyway.
import type { LiveSessionControl, SessionService } from './radius-sessions.js';

export interface LiveSessionFinder {
  /** Ids of the sessions accounting still holds open for these devices. */
  activeSessionIdsOf(deviceIds: readonly number[]): Promise<number[]>;
}

export interface SessionEndReport {
  /** Sessions a router confirmed ended. */
  readonly ended: number;
  /** Sessions no disconnector could end now. */
  readonly failed: number;
}

export const NO_SESSIONS: SessionEndReport = { ended: 0, failed: 0 };

export async function endSessions(
  sessions: SessionService,
  sessionIds: readonly number[],
  disconnectors: readonly LiveSessionControl[],
): Promise<SessionEndReport> {
  let ended = 0;
  let failed = 0;
  for (const id of sessionIds) {
    const result = await sessions.kick(id, disconnectors);
    // A session that stopped meanwhile (not_active) needs nothing more.
    if (result.ok || result.error === 'not_active') ended++;
    else failed++;
  }
  return { ended, failed };
}
