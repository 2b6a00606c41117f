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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'latchkey-api' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

/**
 * The same logger without redaction, for a line whose fields the code fixes and none of which can
 * hold a secret (the one line per GraphQL request). Redaction clones and walks every line it sees:
 * on that line it cost twice what writing it does.
 */
export const withoutRedaction = (logger: Logger): Logger => logger.child({}, { redact: { paths: [] } });
