// The agent role's regency schedule: a tick every minute closes the days due (the first tick, at start, closes
// the days missed while the box was off) and, when the backoff allows, sends the closed days waiting and, once
// an hour, today so far. A tick never overlaps the previous one; offline, each is a failed send and a longer wait.
import type { Logger } from './logger.js';
import type { RegencyLinkService } from './services/regency/regency-link.js';

export function startRegencyAgent(
  regency: Pick<RegencyLinkService, 'tick'>,
  logger: Logger,
  opts: { tickMs?: number } = {},
): { stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  const tick = () => {
    if (current) return;
    current = regency
      .tick()
      .then((r) => {
        if (!r) return;
        if (r.error) logger.warn({ waiting: r.waiting, error: r.error }, 'regency: send failed, will retry');
        else logger.info({ days: r.sent, today: r.today }, 'regency: sent');
      })
      .catch((err: unknown) => logger.warn({ err }, 'regency: tick failed'))
      .finally(() => {
        current = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, opts.tickMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
