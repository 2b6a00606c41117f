import { createHash } from 'node:crypto';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { AUTH_MESSAGES, tooManyAttempts } from '../../shared/errors';

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
 * Limits password guessing per account and per IP. An account's attempt is counted before the
 * password is checked (count first, then work), so parallel guesses cannot all pass a check made
 * before any of them was counted; a successful sign-in clears the account's count. The IP counts
 * failures only: people signing in successfully from one address never use up its allowance.
 */
export class LoginThrottle {
  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE,
  ) {}

  /** Counts one attempt; throws TOO_MANY_ATTEMPTS when the IP (IP_LIMIT) or the account (SIGN_IN_LOCKED) is over its limit. */
  async admit(email: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.policy.maxFailuresPerIp > 0) {
      const byIp = await this.store.peek(ipKey(ip), now);
      if (byIp && byIp.count >= this.policy.maxFailuresPerIp) {
        throw tooManyAttempts(AUTH_MESSAGES.TOO_MANY_SIGN_INS_FROM_IP, byIp.resetAtMs - now, 'IP_LIMIT');
      }
    }
    const byAccount = await this.store.increment(accountKey(email), this.policy.windowMs, now);
    if (byAccount.count > this.policy.maxFailuresPerAccount) {
      throw tooManyAttempts(AUTH_MESSAGES.TOO_MANY_SIGN_INS, byAccount.resetAtMs - now, 'SIGN_IN_LOCKED');
    }
  }

  /** A wrong password or an unknown e-mail: one failure for the IP address. */
  async failed(ip: string): Promise<void> {
    if (this.policy.maxFailuresPerIp === 0) return;
    await this.store.increment(ipKey(ip), this.policy.ipWindowMs, this.clock.now().getTime());
  }

  async succeeded(email: string): Promise<void> {
    await this.store.reset(accountKey(email));
  }
}

// Keys carry a hash of the e-mail, so a dump of the store names no one.
const accountKey = (email: string) => `login:account:${createHash('sha256').update(email).digest('hex')}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
