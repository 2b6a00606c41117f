import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { tooManyAttempts } from '../../errors/app-error';

const HOUR_MS = 60 * 60_000;

/**
 * Registrations from one IP address in an hour (REGISTER_LIMIT_PER_IP; 0: no limit). Each is
 * counted atomically in the shared store before its password is hashed, so parallel or aliased
 * registrations cannot all pass, and several API processes share one count through Redis.
 */
export class RegistrationLimit {
  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
    private readonly perIpPerHour: number,
  ) {}

  /** Counts one registration from `ip`; throws TOO_MANY_ATTEMPTS (reason REGISTER_LIMIT) past the limit. */
  async admit(ip: string): Promise<void> {
    if (this.perIpPerHour === 0) return;
    const now = this.clock.now().getTime();
    const { count, resetAtMs } = await this.store.increment(`register:ip:${ip}`, HOUR_MS, now);
    if (count > this.perIpPerHour) throw tooManyAttempts('REGISTER_LIMIT', resetAtMs - now);
  }
}
