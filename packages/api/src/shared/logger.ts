import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The one logger. Secrets never reach it: these paths are censored wherever they appear, and the
 * GraphQL layer logs operation names, never variables.
 */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'code',
  '*.code',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'variables',
  '*.variables',
];

/**
 * Standard output for the server: a line is handed to a write that runs off the event loop, and
 * lines that come while one is under way go out together with the next. Under load that is one
 * write for many requests instead of one blocking write each. Pino writes what is still pending
 * when the process exits, on a signal's shutdown or a crash alike.
 */
export const serverLogDestination = (): pino.DestinationStream => pino.destination({ dest: 1, sync: false });

/** Writes to `destination`, by default standard output one line at a time (the CLI's order with its own output). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'latchkey-api' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/**
 * The same logger without redaction, for a line whose fields the code fixes and none of which can
 * hold a secret (the one line per GraphQL request). Redaction clones and walks every line it sees:
 * on that line it cost twice what writing it does.
 */
export const withoutRedaction = (logger: Logger): Logger => logger.child({}, { redact: { paths: [] } });
