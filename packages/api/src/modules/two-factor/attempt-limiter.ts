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
} as const;

/** Wrong codes one IP address may give in a window, whichever users they target; 0: no limit. */
export interface IpFailureLimit {
  maxFailures: number;
  windowMs: number;
}

export interface AttemptTicket {
  userId: string;
  ip: string;
}

/**
 * A check refused before any code was looked at: by the user's lock, or by the failures of the
 * IP address. `endsAtMs` is when that lock or window ends; it names the episode, so refusals
 * within one can be told apart from those of the next.
 */
export interface Refusal {
  by: 'LOCKED' | 'IP_LIMIT';
  endsAtMs: number;
  error: AppError;
}

export type LockoutListener = (userId: string, until: Date) => void | Promise<void>;

/**
 * Counts every 2FA code check per user, and wrong ones per IP. A user's check is counted before it
 * is made (count first, then compare), so parallel guesses each take a number and none slips past;
 * a right code ends the run. The IP counts failures only: the successes of the people behind one
 * address (an office, a carrier's NAT) never stop their neighbours.
 */
export class TwoFactorAttemptLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
    private readonly ipLimit: IpFailureLimit,
    private readonly onLockout: LockoutListener = () => undefined,
  ) {}

  /** A refusal when the user is locked, the IP is over its failures or this check is one too many; else counts it. */
  async admit(ticket: AttemptTicket): Promise<Refusal | undefined> {
    const now = this.clock.now().getTime();
    const [lock, byIp] = await Promise.all([
      this.store.peek(lockKey(ticket.userId), now),
      this.ipLimit.maxFailures > 0 ? this.store.peek(ipKey(ticket.ip), now) : null,
    ]);
    // Refused checks are not counted: a locked user's run starts afresh when the lock ends.
    if (lock) return locked(lock.resetAtMs, now);
    if (byIp && byIp.count >= this.ipLimit.maxFailures) {
      return {
        by: 'IP_LIMIT',
        endsAtMs: byIp.resetAtMs,
        error: tooManyAttempts(TWO_FACTOR_MESSAGES.IP_LIMIT, byIp.resetAtMs - now, 'IP_LIMIT'),
      };
    }
    const inARow = await this.store.increment(failuresKey(ticket.userId), TWO_FACTOR_LIMITS.memoryMs, now);
    if (inARow.count > TWO_FACTOR_LIMITS.maxFailuresInARow) return this.lockOut(ticket.userId, now);
    // A lock begun by a parallel request after the first look: this check belongs to it, not to the next run.
    const lockedMeanwhile = await this.store.peek(lockKey(ticket.userId), now);
    return lockedMeanwhile ? locked(lockedMeanwhile.resetAtMs, now) : undefined;
  }

  /** Records a wrong code: one more failure for the IP; the user's tenth in a row starts a lockout. */
  async failed(ticket: AttemptTicket): Promise<Refusal | undefined> {
    const now = this.clock.now().getTime();
    await this.chargeIp(ticket.ip);
    const inARow = await this.store.peek(failuresKey(ticket.userId), now);
    if (inARow && inARow.count >= TWO_FACTOR_LIMITS.maxFailuresInARow) return this.lockOut(ticket.userId, now);
    return undefined;
  }

  /**
   * Charges `checks` code checks that were refused unmade (a request that named several) as
   * failures of the user, one by one, so that splitting guesses over fields gains nothing. Checks
   * charged to a locked user count no more than checks that user's lock refuses.
   */
  async chargeUnmade(userId: string, checks: number): Promise<void> {
    const now = this.clock.now().getTime();
    if (await this.store.peek(lockKey(userId), now)) return;
    for (let i = 0; i < checks; i++) {
      const inARow = await this.store.increment(failuresKey(userId), TWO_FACTOR_LIMITS.memoryMs, now);
      if (inARow.count >= TWO_FACTOR_LIMITS.maxFailuresInARow) {
        await this.lockOut(userId, now);
        return;
      }
    }
  }

  /** One failure for the IP address (a request counts once, however many checks it named). */
  async chargeIp(ip: string): Promise<void> {
    if (this.ipLimit.maxFailures === 0) return;
    await this.store.increment(ipKey(ip), this.ipLimit.windowMs, this.clock.now().getTime());
  }

  /** A right code ends the run of failures. */
  async succeeded(ticket: AttemptTicket): Promise<void> {
    await this.store.reset(failuresKey(ticket.userId));
  }

  /** Support reset: the user starts clean. */
  async clear(userId: string): Promise<void> {
    await Promise.all([this.store.reset(failuresKey(userId)), this.store.reset(lockKey(userId))]);
  }

  /**
   * Starts the user's lock, or joins the one already running. Starting is one atomic step, and
   * only its starter counts the episode (which doubles the next one), clears the run and tells
   * the listener: a burst of parallel wrong codes makes one lockout, not one per request.
   */
  private async lockOut(userId: string, now: number): Promise<Refusal> {
    const earlier = (await this.store.peek(lockoutsKey(userId), now))?.count ?? 0;
    const duration = Math.min(TWO_FACTOR_LIMITS.lockoutMs * 2 ** earlier, TWO_FACTOR_LIMITS.maxLockoutMs);
    const lock = await this.store.startIfAbsent(lockKey(userId), duration, now);
    if (lock.started) {
      await this.store.increment(lockoutsKey(userId), TWO_FACTOR_LIMITS.memoryMs, now);
      await this.store.reset(failuresKey(userId));
      await this.onLockout(userId, new Date(lock.state.resetAtMs));
    }
    return locked(lock.state.resetAtMs, now);
  }
}

const locked = (endsAtMs: number, now: number): Refusal => ({
  by: 'LOCKED',
  endsAtMs,
  error: tooManyAttempts(TWO_FACTOR_MESSAGES.LOCKED, endsAtMs - now, 'LOCKED'),
});

const failuresKey = (userId: string) => `2fa:failures:${userId}`;
const lockKey = (userId: string) => `2fa:lock:${userId}`;
const lockoutsKey = (userId: string) => `2fa:lockouts:${userId}`;
const ipKey = (ip: string) => `2fa:ip:${ip}`;
