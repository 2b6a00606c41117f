import type { DataSource } from 'typeorm';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { AccountLinkService } from '../account/links/account-links.service';
import type { LinkMailer } from '../account/links/link-mailer';
import type { SecurityEventsService } from '../audit/security-events.service';
import type { StaffRules } from '../support/staff-rules';
import type { LoginChallengeService } from '../two-factor/login-challenge.service';
import type { TwoFactorService } from '../two-factor/two-factor.service';
import { AccountRecoveryResolver } from './account-recovery.resolver';
import { AccountRecoveryService } from './account-recovery.service';
import { RecoveryCompletionJob } from './recovery-completion.job';

export interface RecoveryDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  counters: CounterStore;
  events: SecurityEventsService;
  /** The account's e-mailed links: a request's link to cancel is one. */
  links: AccountLinkService;
  mailer: LinkMailer;
  challenges: Pick<LoginChallengeService, 'passwordPassedBy'>;
  twoFactor: Pick<TwoFactorService, 'activeEnrollment' | 'reset'>;
  /** The rules of a support reset, which a decision follows. */
  staff: StaffRules;
  /** SUPPORT_CONTACT, shown wherever the panel says to contact technical support. */
  supportContact: string | null;
  /** RECOVERY_WAIT_HOURS and RECOVERY_SWEEP_SECONDS, in milliseconds. */
  waitMs: number;
  sweepIntervalMs: number;
}

/** The resolver classes of the recovery module, for the schema. */
export const RECOVERY_RESOLVERS = [AccountRecoveryResolver];

/** Account recovery: the path a customer who lost their 2FA method takes to support, and back in. */
export function createRecoveryModule(deps: RecoveryDependencies) {
  const recovery = new AccountRecoveryService({
    dataSource: deps.dataSource,
    clock: deps.clock,
    logger: deps.logger,
    counters: deps.counters,
    events: deps.events,
    links: deps.links,
    mailer: deps.mailer,
    challenges: deps.challenges,
    twoFactor: deps.twoFactor,
    staff: deps.staff,
    waitMs: deps.waitMs,
  });
  const completion = new RecoveryCompletionJob(recovery, deps.logger, deps.sweepIntervalMs);
  return {
    recovery,
    /** Started by the server (not by the operator CLI, which shares these services). */
    completion,
    resolvers: [new AccountRecoveryResolver(recovery, deps.supportContact)],
  };
}
