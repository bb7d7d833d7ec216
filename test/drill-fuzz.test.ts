// Drill 5 at CI size (test/support/drill/fuzz-drill.ts): mutated golden RADIUS vectors get no answer and are each
// counted as a drop; hostile values posted to every portal and admin form get no 5xx; the server never crashes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzzDrill } from './support/drill/fuzz-drill.js';

describe('drill: fuzzing the running server', () => {
  it('answers no mutated packet, counts each as a drop, and answers no hostile form post with a 5xx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warganet-drill-'));
    try {
      const r = await runFuzzDrill({ dataDir: dir, radiusRuns: 2000, httpRunsPerForm: 8 });
      expect(r.crashLogs).toEqual([]);
      expect(r.crashes).toBe(0);
      expect(r.radius.answeredSamples).toEqual([]);
      expect(r.radius.answered).toBe(0);
      expect(r.radius.drops).toBe(r.radius.sent);
      expect(r.goldenAnswers).toBe(2);
      expect(r.http.forms).toBeGreaterThan(8);
      expect(r.http.serverErrors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
