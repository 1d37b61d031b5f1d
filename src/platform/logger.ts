import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets never reach a log line: known secret fields are redacted. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'toezicht' },
      redact: {
        paths: ['password', '*.password', 'newPassword', '*.newPassword', 'totp', '*.code', 'secret', '*.secret', 'token', '*.token', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as DestinationStream | undefined,
  );
}
