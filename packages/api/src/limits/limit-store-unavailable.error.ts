/**
 * The shared limit store (Redis) could not answer: unreachable, too slow, or it replied with an
 * error. Limits fail closed: a caller that gets this must refuse the attempt it was about to count,
 * never let it through uncounted.
 *
 * The message is fixed and the cause keeps only the client error's name and message, because
 * client errors can carry the command's arguments, and those hold user ids, IPs and e-mail hashes.
 */
export class LimitStoreUnavailableError extends Error {
  /** Stable, for callers that match on a code rather than a class (e.g. across bundles). */
  readonly code = 'LIMIT_STORE_UNAVAILABLE' as const;

  constructor(cause?: unknown) {
    super('The attempt-limit store is unavailable.', cause === undefined ? undefined : { cause: sanitizedCause(cause) });
    this.name = 'LimitStoreUnavailableError';
  }
}

export function isLimitStoreUnavailable(error: unknown): error is LimitStoreUnavailableError {
  return error instanceof LimitStoreUnavailableError;
}

/** Longer client messages are cut: they are for an operator's log line, not for a dump. */
const MAX_CAUSE_LENGTH = 200;

function sanitizedCause(cause: unknown): Error {
  const name = cause instanceof Error ? cause.name : 'Error';
  const message = cause instanceof Error ? cause.message : String(cause);
  const reason = new Error(message.slice(0, MAX_CAUSE_LENGTH));
  reason.name = name;
  // The stack would point into the client library, not at the caller: it explains nothing.
  reason.stack = `${reason.name}: ${reason.message}`;
  return reason;
}
