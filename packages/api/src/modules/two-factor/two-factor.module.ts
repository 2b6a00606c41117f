import type { DataSource } from 'typeorm';
import type { EmailSender, SmsSender } from '../../delivery/delivery.types';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { RefusedCodeChecks } from '../../graphql/code-check-limit.plugin';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../observability/metrics';
import type { SecretBox } from '../../shared/secret-box';
import type { SecondFactorGate } from '../auth/account.service';
import type { SessionService } from '../auth/session.service';
import { SecurityEventsResolver } from '../audit/security-events.resolver';
import { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import { SupportResolver } from '../support/support.resolver';
import { SupportService } from '../support/support.service';
import { TwoFactorAttemptLimiter, type IpFailureLimit } from './attempt-limiter';
import { LoginChallengeService } from './login-challenge.service';
import { EmailCodeMethod } from './methods/email-code/email-code.method';
import { OneTimeCodeService } from './methods/one-time-code/one-time-code.service';
import { CodeSendLimits, type SendBudgets } from './methods/one-time-code/send-limits';
import { RecoveryCodeService } from './methods/recovery-codes/recovery-codes.service';
import { SmsCodeMethod } from './methods/sms-code/sms-code.method';
import { TotpMethod } from './methods/totp/totp.method';
import { TwoFactorResolver } from './two-factor.resolver';
import { RememberedBrowsersResolver } from './remembered-browsers/remembered-browsers.resolver';
import { RememberedBrowserService } from './remembered-browsers/remembered-browsers.service';
import { TwoFactorService, type TrustAfterChange, type TwoFactorPolicy } from './two-factor.service';

export interface TwoFactorDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  secrets: SecretBox;
  senders: { email: EmailSender; sms: SmsSender };
  counters: CounterStore;
  /** Wrong codes one IP address may give in a window (CODE_FAILURES_PER_IP). */
  codeFailuresPerIp: IpFailureLimit;
  sessions: SessionService;
  issuerName: string;
  metrics: Metrics;
  policy: TwoFactorPolicy;
  /** Hourly budgets of codes per IP and per channel, and of notices per address (0 = none). */
  sendLimits: SendBudgets & { noticesPerAddressPerHour: number };
}

/** Wires the 2FA services. The method list is the one place a new method is registered. */
export function createTwoFactorModule(deps: TwoFactorDependencies) {
  const { dataSource, clock, secrets, sessions } = deps;
  const codes = new OneTimeCodeService({
    dataSource,
    clock,
    secrets,
    senders: deps.senders,
    issuerName: deps.issuerName,
    logger: deps.logger,
    metrics: deps.metrics,
    limits: new CodeSendLimits(deps.counters, clock, deps.sendLimits),
  });
  const recoveryCodes = new RecoveryCodeService(dataSource, clock);
  const events = new SecurityEventsService(dataSource, clock, deps.senders.email, deps.issuerName, deps.logger, {
    counters: deps.counters,
    perAddressPerHour: deps.sendLimits.noticesPerAddressPerHour,
  });
  const limiter = new TwoFactorAttemptLimiter(deps.counters, clock, deps.codeFailuresPerIp, async (userId, until) => {
    deps.logger.warn({ userId, until: until.toISOString() }, '2FA lockout started');
    deps.metrics.lockouts.inc();
    await events.record({ userId, type: SecurityEventType.LOCKOUT_STARTED, lockedUntil: until });
  });
  const methods = [
    new TotpMethod(dataSource, clock, secrets, deps.issuerName),
    new EmailCodeMethod(codes),
    new SmsCodeMethod(codes, { countries: deps.policy.smsCountries, numberTypes: deps.policy.smsNumberTypes }),
  ];
  const rememberedBrowsers = new RememberedBrowserService(dataSource, clock, events, deps.policy.rememberBrowserDays);
  const trust: TrustAfterChange = {
    endOthers: async (userId, keepSessionId, manager) => {
      await sessions.revokeOthers(userId, keepSessionId, manager);
      await rememberedBrowsers.forgetAll(userId, manager);
    },
  };
  const twoFactor = new TwoFactorService(
    dataSource,
    clock,
    methods,
    recoveryCodes,
    codes,
    trust,
    limiter,
    events,
    deps.metrics,
    deps.policy,
  );
  const challenges = new LoginChallengeService(
    dataSource,
    clock,
    twoFactor,
    recoveryCodes,
    sessions,
    limiter,
    events,
    rememberedBrowsers,
    codes,
  );
  const refusedCodeChecks: RefusedCodeChecks = {
    // Each check to the user it would have checked; the request once to the IP.
    charge: async (checks, callerUserId, ip) => {
      const owners = await challenges.ownersOf(checks.flatMap((c) => (c.challengeId === undefined ? [] : [c.challengeId])));
      const perUser = new Map<string, number>();
      for (const check of checks) {
        const userId = check.field === 'verifyLoginChallenge' ? owners.get(check.challengeId ?? '') : callerUserId;
        if (userId) perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
      }
      await Promise.all([...perUser].map(([userId, count]) => limiter.chargeUnmade(userId, count)));
      await limiter.chargeIp(ip);
    },
  };
  const support = new SupportService(dataSource, clock, twoFactor, deps.counters, events);
  const gate: SecondFactorGate = {
    secondStep: async (user, client, rememberedBrowser) => {
      const active = await twoFactor.activeEnrollment(user.id);
      if (!active) {
        // A sign-in without 2FA starts the grace period of required 2FA (no query when none applies).
        await twoFactor.requirement.deadline(user);
        return { kind: 'none' };
      }
      const admitted = await rememberedBrowsers.admit(user.id, rememberedBrowser, client);
      if (admitted) return { kind: 'remembered', rememberedBrowser: admitted };
      return { kind: 'challenge', challenge: await challenges.start(user, active, client.ip ?? 'unknown') };
    },
  };
  return {
    twoFactor,
    challenges,
    limiter,
    refusedCodeChecks,
    recoveryCodes,
    codes,
    events,
    gate,
    support,
    rememberedBrowsers,
    resolvers: [
      new TwoFactorResolver(twoFactor, challenges),
      new RememberedBrowsersResolver(rememberedBrowsers),
      new SecurityEventsResolver(events),
      new SupportResolver(support),
    ],
  };
}
