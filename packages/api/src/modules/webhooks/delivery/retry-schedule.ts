const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * How long to wait after each failed attempt before the next: quickly at first (a blip), then
 * further apart, so an endpoint that is down for a deploy or a night still gets the event, about
 * a day after it happened at the latest. After the last wait's attempt fails, the delivery fails.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND_MS,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  2 * HOUR_MS,
  5 * HOUR_MS,
  10 * HOUR_MS,
  10 * HOUR_MS,
];

/** The first attempt and one after each wait. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When the attempt after failed attempt number `attempt` (1-based) is due, or null: no more attempts. */
export function nextAttemptAfter(attempt: number, failedAt: Date, delays: readonly number[] = RETRY_DELAYS_MS): Date | null {
  const delay = delays[attempt - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay);
}
