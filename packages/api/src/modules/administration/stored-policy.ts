import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { METHOD_IDS } from '../two-factor/methods/registry';
import type { TwoFactorPolicy, TwoFactorPolicySource } from '../two-factor/two-factor.service';
import { POLICY_ROW_ID, PolicyEntity } from './policy.entity';

/** How old a cached policy may be before a read asks the database again. */
export const POLICY_MAX_AGE_MS = 5_000;

/** The policy in force, with what it was saved as: version 0 is the environment's, never saved. */
export interface LivePolicy extends TwoFactorPolicy {
  version: number;
  updatedAt: Date | null;
  updatedByUserId: string | null;
  updatedBy: string | null;
}

export interface StoredPolicyDependencies {
  dataSource: DataSource;
  clock: Clock;
  /** The environment's settings: the policy until an admin first saves one. */
  defaults: TwoFactorPolicy;
  maxAgeMs?: number;
}

/**
 * The 2FA policy, as every flow reads it. A read answers from memory while what it holds is
 * younger than a few seconds (no query on the hot path), and otherwise reads the one row again:
 * a save here is seen at once, a save by another process on the same database within
 * POLICY_MAX_AGE_MS. Parallel reads of a stale cache share one query.
 */
export class StoredPolicy implements TwoFactorPolicySource {
  private cached: { policy: LivePolicy; readAtMs: number } | null = null;
  private reading: Promise<LivePolicy> | null = null;
  private readonly maxAgeMs: number;

  constructor(private readonly deps: StoredPolicyDependencies) {
    this.maxAgeMs = deps.maxAgeMs ?? POLICY_MAX_AGE_MS;
  }

  current(): Promise<LivePolicy> {
    const now = this.deps.clock.now().getTime();
    const cached = this.cached;
    // A clock moved back counts as stale too.
    if (cached && now - cached.readAtMs < this.maxAgeMs && now >= cached.readAtMs) return Promise.resolve(cached.policy);
    return (this.reading ??= this.read().finally(() => (this.reading = null)));
  }

  /** The policy as the database holds it now (the cache is refreshed on the way). */
  async read(manager: EntityManager = this.deps.dataSource.manager): Promise<LivePolicy> {
    const readAtMs = this.deps.clock.now().getTime();
    const row = await manager.findOneBy(PolicyEntity, { id: POLICY_ROW_ID });
    const policy = row ? policyOf(row) : this.defaults();
    this.remember(policy, readAtMs);
    return policy;
  }

  /** After a save in this process: the next read answers it, with no wait. */
  remember(policy: LivePolicy, readAtMs = this.deps.clock.now().getTime()): void {
    if (this.cached && this.cached.policy.version > policy.version && this.cached.readAtMs >= readAtMs) return;
    this.cached = { policy, readAtMs };
  }

  defaults(): LivePolicy {
    const { defaults } = this.deps;
    return {
      version: 0,
      requiredFor: defaults.requiredFor,
      graceDays: defaults.graceDays,
      methods: [...defaults.methods],
      rememberBrowserDays: defaults.rememberBrowserDays,
      smsCountries: defaults.smsCountries ? [...defaults.smsCountries] : null,
      updatedAt: null,
      updatedByUserId: null,
      updatedBy: null,
    };
  }
}

export function policyOf(row: PolicyEntity): LivePolicy {
  const offered = row.offeredMethods.split(',');
  return {
    version: row.version,
    requiredFor: row.requiredFor as LivePolicy['requiredFor'],
    graceDays: row.graceDays,
    // In the registry's order; a method this build no longer knows is dropped.
    methods: METHOD_IDS.filter((id) => offered.includes(id)),
    rememberBrowserDays: row.rememberBrowserDays,
    smsCountries: row.smsCountries ? row.smsCountries.split(',') : null,
    updatedAt: row.updatedAt,
    updatedByUserId: row.updatedByUserId,
    updatedBy: row.updatedBy,
  };
}
