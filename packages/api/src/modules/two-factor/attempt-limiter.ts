import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { type AppError, tooManyAttempts } from '../../shared/errors';
import { TWO_FACTOR_MESSAGES } from './two-factor.messages';

export const TWO_FACTOR_LIMITS = {
  /** Failed code checks in a row (across sessions, IPs and challenges) before a lockout. */
  maxFailuresInARow: 10,
  /** The first lockout; each further one within a day doubles it. */
  lockoutMs: 15 * 60_000,
  maxLockoutMs: 24 * 60 * 60_000,
  /** How long failures and lockouts are remembered for counting. */
  memoryMs: 24 * 60 * 60_000,
  /** Failed checks from one IP address, whichever users they target. */
  maxFailuresPerIp: 100,
  ipWindowMs: 15 * 60_000,
} as const;

export interface AttemptTicket {
  userId: string;
  ip: string;
}

export type LockoutListener = (userId: string, until: Date) => void | Promise<void>;

/**
 * Counts every 2FA code check per user and per IP. The check is counted before it is made
 * (count first, then compare), so parallel guesses each take a number and none slips past.
 */
export class TwoFactorAttemptLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
    private readonly onLockout: LockoutListener = () => undefined,
  ) {}

  /** Refuses when the user is locked or over the count; otherwise counts this check. */
  async admit(ticket: AttemptTicket): Promise<void> {
    const now = this.clock.now().getTime();
    const lock = await this.store.peek(lockKey(ticket.userId), now);
    if (lock) throw tooManyAttempts(TWO_FACTOR_MESSAGES.LOCKED, lock.resetAtMs - now, 'LOCKED');
    const byIp = await this.store.peek(ipKey(ticket.ip), now);
    if (byIp && byIp.count >= TWO_FACTOR_LIMITS.maxFailuresPerIp) {
      throw tooManyAttempts(TWO_FACTOR_MESSAGES.LOCKED, byIp.resetAtMs - now, 'LOCKED');
    }
    const inARow = await this.store.increment(failuresKey(ticket.userId), TWO_FACTOR_LIMITS.memoryMs, now);
    if (inARow.count > TWO_FACTOR_LIMITS.maxFailuresInARow) {
      throw await this.lockOut(ticket.userId, now);
    }
  }

  /**
   * Records a wrong code. `extraChecks` are the further code checks the same request carried
   * (aliases) that will not run: each counts as a failure too.
   */
  async failed(ticket: AttemptTicket, extraChecks = 0): Promise<AppError | undefined> {
    const now = this.clock.now().getTime();
    let count = (await this.store.peek(failuresKey(ticket.userId), now))?.count ?? 0;
    for (let i = 0; i < extraChecks; i++) {
      count = (await this.store.increment(failuresKey(ticket.userId), TWO_FACTOR_LIMITS.memoryMs, now)).count;
    }
    for (let i = 0; i <= extraChecks; i++) await this.store.increment(ipKey(ticket.ip), TWO_FACTOR_LIMITS.ipWindowMs, now);
    if (count >= TWO_FACTOR_LIMITS.maxFailuresInARow) return this.lockOut(ticket.userId, now);
    return undefined;
  }

  /** A right code ends the run of failures. */
  async succeeded(ticket: AttemptTicket): Promise<void> {
    await this.store.reset(failuresKey(ticket.userId));
  }

  /** Support reset: the user starts clean. */
  async clear(userId: string): Promise<void> {
    await Promise.all([this.store.reset(failuresKey(userId)), this.store.reset(lockKey(userId))]);
  }

  private async lockOut(userId: string, now: number): Promise<AppError> {
    const existing = await this.store.peek(lockKey(userId), now);
    if (existing) return tooManyAttempts(TWO_FACTOR_MESSAGES.LOCKED, existing.resetAtMs - now, 'LOCKED');
    const lockouts = await this.store.increment(lockoutsKey(userId), TWO_FACTOR_LIMITS.memoryMs, now);
    const duration = Math.min(TWO_FACTOR_LIMITS.lockoutMs * 2 ** (lockouts.count - 1), TWO_FACTOR_LIMITS.maxLockoutMs);
    const lock = await this.store.increment(lockKey(userId), duration, now);
    await this.store.reset(failuresKey(userId));
    if (lock.count === 1) await this.onLockout(userId, new Date(lock.resetAtMs));
    return tooManyAttempts(TWO_FACTOR_MESSAGES.LOCKED, lock.resetAtMs - now, 'LOCKED');
  }
}

const failuresKey = (userId: string) => `2fa:failures:${userId}`;
const lockKey = (userId: string) => `2fa:lock:${userId}`;
const lockoutsKey = (userId: string) => `2fa:lockouts:${userId}`;
const ipKey = (ip: string) => `2fa:ip:${ip}`;
