// Structured logs (pino, JSON lines). Never log a NIK, a KK number, a PIN or a secret: log ids and masked forms.
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'warganet' },
      redact: {
        paths: ['*.nik', '*.kk', '*.no_kk', '*.pin', '*.password', '*.secret'],
        censor: '[disembunyikan]',
      },
    },
    destination ?? pino.destination(2),
  );
}
