import type { CounterStore } from '../../limits/counter-store';
import { HeldSlots, takeSlot } from '../../limits/held-slots';
import type { Clock } from '../../shared/clock';
import { type AppError, tooManyAttempts } from '../../errors/app-error';

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

/**
 * A check let through. Until its outcome is known it holds one of its IP's failure slots: a wrong
 * code keeps it, a right code (or a check that could not be made) gives it back.
 */
export interface Admission {
  refused?: undefined;
  ipSlot: HeldSlots;
}

export type LockoutListener = (userId: string, until: Date) => void | Promise<void>;

export interface AttemptLimiterDependencies {
  store: CounterStore;
  clock: Clock;
  /** Wrong codes one IP address may give in a window. */
  ipLimit: IpFailureLimit;
  /** Told when a lockout starts (the security log, a metric). */
  onLockout?: LockoutListener;
}

/**
 * Counts every 2FA code check per user, and wrong ones per IP. A user's check is counted before it
 * is made (count first, then compare), so parallel guesses each take a number and none slips past;
 * a right code ends the run. The IP counts failures only: each check holds a slot while it runs and
 * a right code gives it back, so the successes of the people behind one address (an office, a
 * carrier's NAT) never stop their neighbours.
 */
export class TwoFactorAttemptLimiter {
  private readonly store: CounterStore;
  private readonly clock: Clock;
  private readonly ipLimit: IpFailureLimit;
  private readonly onLockout: LockoutListener;

  constructor(deps: AttemptLimiterDependencies) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.ipLimit = deps.ipLimit;
    this.onLockout = deps.onLockout ?? (() => undefined);
  }

  /**
   * A refusal when the user is locked, the IP is over its failures or this check is one too many;
   * else counts the check for the user and takes one of the IP's failure slots. Taking the slot
   * is the IP's check, one atomic count: of parallel checks from one address no more get through
   * than it has failures left, where a look at the count would let them all pass.
   */
  async admit(ticket: AttemptTicket): Promise<Admission | { refused: Refusal }> {
    const now = this.clock.now().getTime();
    // Refused checks are not counted: a locked user's run starts afresh when the lock ends.
    const lock = await this.store.peek(lockKey(ticket.userId), now);
    if (lock) return { refused: locked(lock.resetAtMs, now) };
    let ipSlot = HeldSlots.none(this.store);
    if (this.ipLimit.maxFailures > 0) {
      const taken = await takeSlot(this.store, ipKey(ticket.ip), this.ipLimit.maxFailures, this.ipLimit.windowMs, now);
      if (taken.full) {
        const { resetAtMs } = taken.full;
        return {
          refused: {
            by: 'IP_LIMIT',
            endsAtMs: resetAtMs,
            error: tooManyAttempts('IP_LIMIT', resetAtMs - now),
          },
        };
      }
      ipSlot = taken.held;
    }
    try {
      const inARow = await this.store.increment(failuresKey(ticket.userId), TWO_FACTOR_LIMITS.memoryMs, now);
      // A lock begun by a parallel request after the first look: this check belongs to it, not to the next run.
      const refusal =
        inARow.count > TWO_FACTOR_LIMITS.maxFailuresInARow
          ? await this.lockOut(ticket.userId, now)
          : await this.store.peek(lockKey(ticket.userId), now).then((meanwhile) => (meanwhile ? locked(meanwhile.resetAtMs, now) : null));
      if (!refusal) return { ipSlot };
      await ipSlot.release();
      return { refused: refusal };
    } catch (error) {
      await ipSlot.release().catch(() => undefined);
      throw error;
    }
  }

  /** Records a wrong code: the IP keeps the slot it gave the check; the user's tenth in a row starts a lockout. */
  async failed(ticket: AttemptTicket, admission: Admission): Promise<Refusal | undefined> {
    const now = this.clock.now().getTime();
    admission.ipSlot.keep();
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

  /** A right code ends the run of failures and gives the IP its slot back: successes never count against it. */
  async succeeded(ticket: AttemptTicket, admission: Admission): Promise<void> {
    await admission.ipSlot.release();
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
  error: tooManyAttempts('LOCKED', endsAtMs - now),
});

const failuresKey = (userId: string) => `2fa:failures:${userId}`;
const lockKey = (userId: string) => `2fa:lock:${userId}`;
const lockoutsKey = (userId: string) => `2fa:lockouts:${userId}`;
const ipKey = (ip: string) => `2fa:ip:${ip}`;
