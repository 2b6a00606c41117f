import type { PasswordHasher } from '../auth/password';
import type { DataSource } from 'typeorm';
import type { EmailSender } from '../../delivery/delivery.types';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { ApiTokenService } from '../api-tokens/api-token.service';
import type { SecurityEventsService } from '../audit/security-events.service';
import type { AccountService } from '../auth/account.service';
import type { LoginThrottle } from '../auth/login-throttle';
import type { SessionHandOff } from '../auth/session-hand-off';
import type { SessionPolicy, SessionService } from '../auth/session.service';
import type { RememberedBrowserService } from '../two-factor/remembered-browsers/remembered-browsers.service';
import type { SendBudgets } from '../two-factor/methods/one-time-code/send-limits';
import type { TwoFactorService } from '../two-factor/two-factor.service';
import { AccountEmailResolver } from './email/account-email.resolver';
import { AccountEmailService } from './email/account-email.service';
import { BackgroundWork } from './background-work';
import { FreshProof } from './fresh-proof';
import { AccountLinkService } from './links/account-links.service';
import { LinkMailer } from './links/link-mailer';
import { PasswordChangeService } from './password/password-change.service';
import { PasswordResetService } from './password/password-reset.service';
import { PasswordResolver } from './password/password.resolver';
import { AccountSessionsResolver } from './sessions/account-sessions.resolver';
import { AccountSessionsService } from './sessions/account-sessions.service';

export interface AccountDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  counters: CounterStore;
  email: EmailSender;
  issuerName: string;
  /** PUBLIC_URL: links in e-mails start with it. */
  publicUrl: string;
  /** The hourly send budgets of the IP address and the server, shared with codes. */
  budgets: SendBudgets;
  events: SecurityEventsService;
  /** The auth module's hasher: a new password is hashed as registration hashes it. */
  passwords: PasswordHasher;
  twoFactor: TwoFactorService;
  rememberedBrowsers: RememberedBrowserService;
  sessions: SessionService;
  sessionPolicy: SessionPolicy;
  /** The password sign-in limits: dead reset links count as failed sign-ins of the IP address. */
  throttle: LoginThrottle;
  accounts: AccountService;
  handOff: SessionHandOff;
  /** A password changed or reset ends the account's API tokens, in the same transaction. */
  apiTokens: Pick<ApiTokenService, 'endAll'>;
}

/** The resolver classes of the account module, for the schema. */
export const ACCOUNT_RESOLVERS = [AccountEmailResolver, PasswordResolver, AccountSessionsResolver];

/** The account's own settings besides 2FA: its e-mail address, its password and its sessions. */
export function createAccountModule(deps: AccountDependencies) {
  const { dataSource, clock, logger } = deps;
  const links = new AccountLinkService(dataSource, clock, deps.publicUrl);
  const mailer = new LinkMailer({
    links,
    counters: deps.counters,
    clock,
    budgets: deps.budgets,
    email: deps.email,
    issuerName: deps.issuerName,
    logger,
  });
  const proof = new FreshProof(deps.twoFactor);
  const emails = new AccountEmailService({ dataSource, clock, logger, links, mailer, events: deps.events, proof });
  const background = new BackgroundWork(logger);
  const passwordResets = new PasswordResetService({
    dataSource,
    passwords: deps.passwords,
    logger,
    links,
    mailer,
    events: deps.events,
    sessions: deps.sessions,
    rememberedBrowsers: deps.rememberedBrowsers,
    throttle: deps.throttle,
    accounts: deps.accounts,
    background,
    apiTokens: deps.apiTokens,
  });
  const passwordChanges = new PasswordChangeService({
    dataSource,
    passwords: deps.passwords,
    links,
    events: deps.events,
    sessions: deps.sessions,
    throttle: deps.throttle,
    proof,
    apiTokens: deps.apiTokens,
  });
  const accountSessions = new AccountSessionsService({
    dataSource,
    clock,
    policy: deps.sessionPolicy,
    sessions: deps.sessions,
    events: deps.events,
  });
  return {
    links,
    mailer,
    emails,
    passwordResets,
    passwordChanges,
    accountSessions,
    background,
    resolvers: [
      new AccountEmailResolver(emails),
      new PasswordResolver(passwordResets, passwordChanges, deps.handOff),
      new AccountSessionsResolver(accountSessions),
    ],
  };
}
