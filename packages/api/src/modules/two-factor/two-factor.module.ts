import type { PasswordHasher } from '../auth/password';
import type { DataSource, EntityManager } from 'typeorm';
import type { EmailSender, SmsSender } from '../../delivery/delivery.types';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { RefusedCodeChecks } from '../../graphql/code-check-limit.step';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../observability/metrics';
import type { SecretBox } from '../../shared/secret-box';
import type { SecondFactorGate } from '../auth/account.service';
import type { SessionHandOff } from '../auth/session-hand-off';
import type { SessionService } from '../auth/session.service';
import type { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import { TwoFactorAttemptLimiter, type IpFailureLimit } from './attempt-limiter';
import { LoginChallengeService } from './login-challenge.service';
import { MethodModules } from './methods/method-modules';
import { METHOD_RESOLVER_CLASSES, type MethodSettings } from './methods/registry';
import { OneTimeCodeService } from './methods/one-time-code/one-time-code.service';
import { CodeSendLimits, type SendBudgets } from './methods/one-time-code/send-limits';
import { RecoveryCodeService } from './methods/recovery-codes/recovery-codes.service';
import { TwoFactorResolver } from './two-factor.resolver';
import { RememberedBrowsersResolver } from './remembered-browsers/remembered-browsers.resolver';
import { RememberedBrowserService } from './remembered-browsers/remembered-browsers.service';
import { TwoFactorService, type TrustAfterChange, type TwoFactorEnd, type TwoFactorPolicySource } from './two-factor.service';

export interface TwoFactorDependencies {
  dataSource: DataSource;
  clock: Clock;
  /** The auth module's hasher: recovery codes are stored as passwords are. */
  passwords: PasswordHasher;
  logger: Logger;
  secrets: SecretBox;
  senders: { email: EmailSender; sms: SmsSender };
  counters: CounterStore;
  /** Wrong codes one IP address may give in a window (CODE_FAILURES_PER_IP). */
  codeFailuresPerIp: IpFailureLimit;
  sessions: SessionService;
  issuerName: string;
  metrics: Metrics;
  /** The live policy (required 2FA, methods offered, remembered browsers, SMS countries). */
  policy: TwoFactorPolicySource;
  /** Each method's own settings, passed to it as they are. */
  methodSettings: MethodSettings;
  /** Hourly budgets of codes per IP and per channel (0 = none). */
  sendLimits: SendBudgets;
  /** The security log, which also e-mails the notices. */
  events: SecurityEventsService;
  /** Hands a session to the caller once a challenge is passed. */
  handOff: SessionHandOff;
  /**
   * What ends, in the same transaction, when 2FA is turned off or reset (API tokens); called long
   * after this module is made, so it may name modules made later.
   */
  endWithTwoFactor: (userId: string, why: TwoFactorEnd, manager: EntityManager) => Promise<void>;
}

/** The resolver classes of the 2FA module (the methods' own among them), for the schema. */
export const TWO_FACTOR_RESOLVERS = [TwoFactorResolver, RememberedBrowsersResolver, ...METHOD_RESOLVER_CLASSES];

/** Wires the 2FA services. The methods come from methods/registry.ts, the one place a method is registered. */
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
  const recoveryCodes = new RecoveryCodeService(dataSource, clock, deps.passwords);
  const events = deps.events;
  const limiter = new TwoFactorAttemptLimiter({
    store: deps.counters,
    clock,
    ipLimit: deps.codeFailuresPerIp,
    onLockout: async (userId, until) => {
      deps.logger.warn({ userId, until: until.toISOString() }, '2FA lockout started');
      deps.metrics.lockouts.inc();
      await events.record({ userId, type: SecurityEventType.LOCKOUT_STARTED, lockedUntil: until });
    },
  });
  const methods = MethodModules.fromRegistry({ dataSource, clock, secrets, issuerName: deps.issuerName, codes }, deps.methodSettings);
  const rememberedBrowsers = new RememberedBrowserService({
    dataSource,
    clock,
    events,
    days: async () => (await deps.policy.current()).rememberBrowserDays,
  });
  const trust: TrustAfterChange = {
    endOthers: async (userId, keepSessionId, manager) => {
      await sessions.revokeOthers(userId, keepSessionId, manager);
      await rememberedBrowsers.forgetAll(userId, manager);
    },
    endWithTwoFactor: (userId, why, manager) => deps.endWithTwoFactor(userId, why, manager),
  };
  const twoFactor = new TwoFactorService({
    dataSource,
    clock,
    methods,
    recoveryCodes,
    trust,
    limiter,
    events,
    metrics: deps.metrics,
    policy: deps.policy,
  });
  const challenges = new LoginChallengeService({
    dataSource,
    clock,
    twoFactor,
    methods,
    recoveryCodes,
    sessions,
    limiter,
    events,
    rememberedBrowsers,
    metrics: deps.metrics,
  });
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
    methods,
    limiter,
    refusedCodeChecks,
    recoveryCodes,
    codes,
    gate,
    rememberedBrowsers,
    resolvers: [
      new TwoFactorResolver(twoFactor, challenges, deps.handOff),
      new RememberedBrowsersResolver(rememberedBrowsers),
      ...methods.all.flatMap((module) =>
        module.definition.resolver ? [module.definition.resolver.create({ twoFactor, events, module })] : [],
      ),
    ],
  };
}
