// Drill 2 at CI size: a reboot storm (test/support/drill/reboot-storm.ts). Accounting-On from every router, then
// every device re-authenticates by MAC in a burst: every request answered (Access-Accept), none dropped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRebootStorm } from './support/drill/reboot-storm.js';

describe('drill: reboot storm', () => {
  it('answers Accounting-On from every router, then every MAC re-authentication, dropping none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warganet-drill-'));
    try {
      const r = await runRebootStorm({
        dataDir: dir,
        routers: 4,
        devices: 1000,
        withinMs: 2000,
        retransmitMs: 1100,
        tries: 5,
      });
      expect(r.accountingOnAnswered).toBe(4);
      expect(r.crashes).toBe(0);
      expect(r.unanswered).toBe(0);
      expect(r.answered).toBe(1000);
      expect(r.accepted).toBe(1000);
      expect(r.serverDrops).toBe(0);
      // The server says what receive buffer the kernel gave its RADIUS sockets.
      expect(r.recvBufferBytes).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
