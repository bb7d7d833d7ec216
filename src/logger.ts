// Structured logs (pino, JSON lines). Never log a NIK, a KK number, a PIN or a secret: log ids and masked forms.
// People at a terminal get one readable line per entry instead (src/log-pretty.ts); journald, files and pipes get
// JSON. WARGANET_LOG_FORMAT=pretty|json chooses explicitly.
import { type DestinationStream, type Logger, pino } from 'pino';
import { prettyDestination } from './log-pretty.js';

export type { Logger };

export type LogFormat = 'pretty' | 'json';

export function createLogger(level: string, destination?: DestinationStream, format?: LogFormat): Logger {
  const chosen = format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  return pino(
    {
      level,
      base: { app: 'warganet' },
      redact: {
        paths: ['*.nik', '*.kk', '*.no_kk', '*.pin', '*.password', '*.secret'],
        censor: '[disembunyikan]',
      },
    },
    destination ?? (chosen === 'pretty' ? prettyDestination(process.stderr) : pino.destination(2)),
  );
}
