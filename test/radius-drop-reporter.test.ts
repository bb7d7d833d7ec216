// The drop reporter's limits, on a clock the test moves: one auth-log record and one log line per router/address
// and reason a minute, with how many drops it stands for (none lost: flush records the rest), and a spoofed flood
// bounded in memory.
import { describe, expect, it } from 'vitest';
import { createDropReporter, type DropEvent } from '../radius/drop-reporter.js';
import type { AuthLogEntry } from '../src/services/radius/auth-log.js';

function reporter() {
  let now = 1_000_000;
  const logged: DropEvent[] = [];
  const recorded: AuthLogEntry[] = [];
  const r = createDropReporter({
    authLog: { record: (e) => recorded.push(e) },
    now: () => now,
    log: (e) => logged.push(e),
  });
  return { r, logged, recorded, advance: (ms: number) => (now += ms) };
}

describe('drop reporter', () => {
  it('records and logs once a minute per router and reason, counting the drops in between', () => {
    const { r, logged, recorded, advance } = reporter();
    const nas = { routerId: 7, name: 'balai-desa' };
    for (let i = 0; i < 5; i++) r.report({ reason: 'bad_message_authenticator', source: '10.0.0.2', nas });
    r.report({ reason: 'missing_message_authenticator', source: '10.0.0.2', nas });
    r.report({ reason: 'unknown_nas', source: '10.0.0.9' });
    r.report({ reason: 'unknown_nas', source: '10.0.0.8' });
    expect(logged.map((e) => [e.reason, e.source, e.count])).toEqual([
      ['bad_message_authenticator', '10.0.0.2', 1],
      ['missing_message_authenticator', '10.0.0.2', 1],
      ['unknown_nas', '10.0.0.9', 1],
      ['unknown_nas', '10.0.0.8', 1],
    ]);
    expect(recorded).toHaveLength(4);
    expect(recorded[0]).toMatchObject({ routerId: 7, decision: 'drop', source: '10.0.0.2', count: 1 });

    advance(59_999);
    r.report({ reason: 'bad_message_authenticator', source: '10.0.0.2', nas });
    expect(logged).toHaveLength(4);
    advance(1);
    r.report({ reason: 'bad_message_authenticator', source: '10.0.0.2', nas });
    // The line a minute later stands for itself and the five held back since the first.
    expect(logged.at(-1)).toMatchObject({ reason: 'bad_message_authenticator', count: 6 });
    expect(logged.at(-1)!.hint).toContain('secret RADIUS tidak sama');
    expect(recorded.at(-1)).toMatchObject({ reason: 'bad_message_authenticator', count: 6 });

    // Drops after the last record are not lost: flush (server stop) records them, once.
    r.report({ reason: 'bad_message_authenticator', source: '10.0.0.2', nas });
    r.report({ reason: 'bad_message_authenticator', source: '10.0.0.2', nas });
    r.flush();
    r.flush();
    expect(recorded.at(-1)).toMatchObject({ reason: 'bad_message_authenticator', count: 2 });
    const total = recorded
      .filter((e) => e.reason === 'bad_message_authenticator')
      .reduce((n, e) => n + (e.count ?? 1), 0);
    expect(total).toBe(9);
  });

  it('ignores drops an operator cannot fix (malformed, internal errors)', () => {
    const { r, logged, recorded } = reporter();
    r.report({ reason: 'malformed', source: '10.0.0.2' });
    r.report({ reason: 'internal_error', source: '10.0.0.2' });
    expect([logged, recorded]).toEqual([[], []]);
  });

  it('a flood from many spoofed addresses folds into one key per reason once 10,000 are remembered', () => {
    const { r, logged, recorded } = reporter();
    for (let i = 0; i < 12_000; i++)
      r.report({ reason: 'unknown_nas', source: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` });
    expect(logged).toHaveLength(10_001);
    expect(recorded).toHaveLength(10_001);
    expect(recorded.at(-1)).toMatchObject({ source: null, routerId: null, reason: 'unknown_nas' });
    r.flush();
    expect(recorded.at(-1)).toMatchObject({ source: null, reason: 'unknown_nas', count: 1_999 });
  });
});
