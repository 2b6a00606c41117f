import type { DataSource } from 'typeorm';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { SecurityEventsService } from '../audit/security-events.service';
import type { StaffRules } from '../support/staff-rules';
import type { TwoFactorMethod } from '../two-factor/two-factor-method';
import type { TwoFactorPolicy } from '../two-factor/two-factor.service';
import { AdministrationResolver } from './administration.resolver';
import { AdministrationService } from './administration.service';
import { StoredPolicy } from './stored-policy';

export interface AdministrationModuleDependencies {
  dataSource: DataSource;
  clock: Clock;
  counters: CounterStore;
  events: SecurityEventsService;
  /** The live policy, made first (createPolicySource) since the 2FA flows read it. */
  policy: StoredPolicy;
  /** Admins prove their own 2FA as staff do. */
  staff: Pick<StaffRules, 'requireOwnTwoFactor' | 'prove'>;
  offerable: readonly TwoFactorMethod[];
}

/** The resolver classes of the administration module, for the schema. */
export const ADMINISTRATION_RESOLVERS = [AdministrationResolver];

/**
 * The live 2FA policy: the saved one, or `defaults` (the environment) until an admin saves one.
 * Made before the 2FA module, which reads it at each use.
 */
export function createPolicySource(deps: {
  dataSource: DataSource;
  clock: Clock;
  defaults: TwoFactorPolicy;
  maxAgeMs?: number;
}): StoredPolicy {
  return new StoredPolicy(deps);
}

/** The 2FA policy and roles, for admins through the API and the operator through the command line. */
export function createAdministrationModule(deps: AdministrationModuleDependencies) {
  const administration = new AdministrationService(deps);
  return { administration, policy: deps.policy, resolvers: [new AdministrationResolver(administration)] };
}
