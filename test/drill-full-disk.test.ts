// Drill 3 at CI size: the disk fills up under a running server (test/support/drill/full-disk.ts, a tmpfs filled to
// the last byte). Needs root to mount it; elsewhere the suite is skipped and says why.
import { describe, expect, it } from 'vitest';
import { canMountTmpfs, runFullDiskDrill } from './support/drill/full-disk.js';

const mountable = canMountTmpfs();

describe.runIf(mountable)('drill: full disk', () => {
  it('keeps authenticating known devices, does not acknowledge accounting it cannot store, says so, and recovers by itself', async () => {
    const r = await runFullDiskDrill({ sizeMb: 12, sessions: 40, devices: 50 });
    expect(r.crashes).toBe(0);
    expect(r.healthBefore).toBe(200);
    // Said plainly, on /healthz and on the dashboard.
    expect(r.healthFull.status).toBe(503);
    expect(r.healthFull.body.storage).toBe('disk_full');
    expect(String(r.healthFull.body.message)).toMatch(/Disk full/);
    expect(r.dashboardFull.status).toBe(200);
    expect(r.dashboardFull.storage).toMatchObject({ ok: false, problem: 'disk_full' });
    // Known devices keep signing in.
    expect(r.authWhileFull.accepted).toBe(r.authWhileFull.sent);
    // Nothing was acknowledged without being stored: the first requests waited for the space.
    expect(r.answeredWhileFull).toBe(0);
    expect(r.requestsWhileFull).toBeGreaterThan(0);
    // Back by itself, and nothing lost.
    expect(r.healthAfter.status).toBe(200);
    expect(r.dashboardAfter.storage).toMatchObject({ ok: true });
    expect(r.nas.answered).toBe(r.nas.requests);
    expect(r.stored.wrongSessions).toEqual([]);
    expect(r.stored.sessions).toBe(r.nas.expected.sessions);
    expect(r.stored.usageSessions).toBe(r.nas.expected.sessions);
    expect(r.stored.usageBytesIn).toBe(r.nas.expected.inputBytes);
    expect(r.stored.usageBytesOut).toBe(r.nas.expected.outputBytes);
  }, 240_000);
});

describe.skipIf(mountable)('drill: full disk (skipped)', () => {
  it.skip('needs root to mount a tmpfs for the data directory', () => {});
});
