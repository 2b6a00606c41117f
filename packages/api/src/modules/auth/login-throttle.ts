import { createHash } from 'node:crypto';
import type { CounterStore } from '../../limits/counter-store';
import { HeldSlots, takeSlot } from '../../limits/held-slots';
import type { Clock } from '../../shared/clock';
import { tooManyAttempts } from '../../errors/app-error';

export interface LoginThrottlePolicy {
  /** Wrong passwords for one account before it refuses password sign-ins for the window. */
  maxFailuresPerAccount: number;
  windowMs: number;
  /** Failed password sign-ins (wrong password or unknown e-mail) from one IP address in `ipWindowMs`; 0: no limit. */
  maxFailuresPerIp: number;
  ipWindowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  maxFailuresPerAccount: 10,
  windowMs: 15 * 60_000,
  maxFailuresPerIp: 100,
  ipWindowMs: 15 * 60_000,
};

/**
 * One password sign-in let through. It holds a slot of its IP's failures while the password is
 * checked: a wrong password keeps it, a right one gives it back.
 */
export interface SignInAttempt {
  failed(): void;
  succeeded(): Promise<void>;
  /** The check could not be made (the database did not answer): nothing is counted for the IP. */
  abandoned(): Promise<void>;
}

/**
 * Limits password guessing per account and per IP. An account's attempt is counted before the
 * password is checked (count first, then work), so parallel guesses cannot all pass a check made
 * before any of them was counted; a successful sign-in clears the account's count. The IP counts
 * failures only, the same way: each attempt takes one of the address's failure slots before the
 * password is checked and a right password gives it back, so a burst of parallel wrong passwords
 * gets no more checks than the address has failures left, and people signing in successfully from
 * one address never use up its allowance.
 */
export class LoginThrottle {
  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE,
  ) {}

  /** Counts one attempt; throws TOO_MANY_ATTEMPTS when the IP (IP_LIMIT) or the account (SIGN_IN_LOCKED) is over its limit. */
  async admit(email: string, ip: string): Promise<SignInAttempt> {
    const now = this.clock.now().getTime();
    const ipSlot = await this.takeIpSlot(ip, now);
    try {
      const byAccount = await this.store.increment(accountKey(email), this.policy.windowMs, now);
      if (byAccount.count > this.policy.maxFailuresPerAccount) {
        throw tooManyAttempts('SIGN_IN_LOCKED', byAccount.resetAtMs - now);
      }
    } catch (error) {
      await ipSlot.release().catch(() => undefined);
      throw error;
    }
    return {
      failed: () => ipSlot.keep(),
      succeeded: async () => {
        await ipSlot.release();
        await this.store.reset(accountKey(email));
      },
      abandoned: () => ipSlot.release(),
    };
  }

  /**
   * Admits a try of another secret that opens an account (a password reset link) against the same
   * failures of the IP address: a dead link keeps the slot (`failed`), a live one gives it back.
   * Throws TOO_MANY_ATTEMPTS (IP_LIMIT) when the address has none left.
   */
  async admitIp(ip: string): Promise<Omit<SignInAttempt, 'abandoned'>> {
    const ipSlot = await this.takeIpSlot(ip, this.clock.now().getTime());
    return { failed: () => ipSlot.keep(), succeeded: () => ipSlot.release() };
  }

  /** Forgets the account's wrong passwords: they were tries at a password that is no more (it was reset). */
  async forgetFailures(email: string): Promise<void> {
    await this.store.reset(accountKey(email));
  }

  private async takeIpSlot(ip: string, now: number): Promise<HeldSlots> {
    if (this.policy.maxFailuresPerIp === 0) return HeldSlots.none(this.store);
    const taken = await takeSlot(this.store, ipKey(ip), this.policy.maxFailuresPerIp, this.policy.ipWindowMs, now);
    if (taken.full) throw tooManyAttempts('IP_LIMIT', taken.full.resetAtMs - now);
    return taken.held;
  }
}

// Keys carry a hash of the e-mail, so a dump of the store names no one.
const accountKey = (email: string) => `login:account:${createHash('sha256').update(email).digest('hex')}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
