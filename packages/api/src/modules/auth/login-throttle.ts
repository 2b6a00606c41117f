import { createHash } from 'node:crypto';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { AUTH_MESSAGES, tooManyAttempts } from '../../shared/errors';

export interface LoginThrottlePolicy {
  /** Wrong passwords for one account before it refuses password sign-ins for the window. */
  maxFailuresPerAccount: number;
  /** Password sign-ins (right or wrong) from one IP address in the window. */
  maxAttemptsPerIp: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  maxFailuresPerAccount: 10,
  maxAttemptsPerIp: 100,
  windowMs: 15 * 60_000,
};

/**
 * Limits password guessing per account and per IP. An attempt is counted before the password is
 * checked (count first, then work), so parallel guesses cannot all pass a check made before any
 * of them was counted. A successful sign-in clears the account's count.
 */
export class LoginThrottle {
  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE,
  ) {}

  /** Counts one attempt; throws TOO_MANY_ATTEMPTS when the account or the IP is over its limit. */
  async admit(email: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const { windowMs } = this.policy;
    const byIp = await this.store.increment(ipKey(ip), windowMs, now);
    if (byIp.count > this.policy.maxAttemptsPerIp) {
      throw tooManyAttempts(AUTH_MESSAGES.TOO_MANY_SIGN_INS, byIp.resetAtMs - now, 'SIGN_IN_LOCKED');
    }
    const byAccount = await this.store.increment(accountKey(email), windowMs, now);
    if (byAccount.count > this.policy.maxFailuresPerAccount) {
      throw tooManyAttempts(AUTH_MESSAGES.TOO_MANY_SIGN_INS, byAccount.resetAtMs - now, 'SIGN_IN_LOCKED');
    }
  }

  async succeeded(email: string): Promise<void> {
    await this.store.reset(accountKey(email));
  }
}

// Keys carry a hash of the e-mail, so a dump of the store names no one.
const accountKey = (email: string) => `login:account:${createHash('sha256').update(email).digest('hex')}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
