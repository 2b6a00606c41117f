import type { DataSource } from 'typeorm';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { SecurityEventsService } from '../audit/security-events.service';
import type { TwoFactorService } from '../two-factor/two-factor.service';
import { StaffRules } from './staff-rules';
import { SupportResolver } from './support.resolver';
import { SupportService } from './support.service';

export interface SupportModuleDependencies {
  dataSource: DataSource;
  clock: Clock;
  /** Counts each staff member's resets. */
  counters: CounterStore;
  events: SecurityEventsService;
  /** Staff prove their own 2FA, and resets go through it. */
  twoFactor: TwoFactorService;
}

/** The resolver classes of the support module, for the schema. */
export const SUPPORT_RESOLVERS = [SupportResolver];

/** Staff tools: find an account, read its security log, reset its 2FA. */
export function createSupportModule(deps: SupportModuleDependencies) {
  const { dataSource, clock, counters, twoFactor, events } = deps;
  // The rules of a reset, which other staff actions (deciding an account recovery) follow too.
  const staffRules = new StaffRules({ dataSource, clock, twoFactor, counters });
  const support = new SupportService({ dataSource, clock, twoFactor, rules: staffRules, events });
  return { support, staffRules, resolvers: [new SupportResolver(support)] };
}
