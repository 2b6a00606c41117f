import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { EmailSender, SmsSender } from './delivery/delivery.types';
import { createSenders } from './delivery/senders';
import type { CounterStore } from './limits/counter-store';
import { createCounterStore, type CounterStoreHandle } from './limits/create-counter-store';
import { AccountService } from './modules/auth/account.service';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle } from './modules/auth/login-throttle';
import { RegistrationLimit } from './modules/auth/registration-limit';
import { SessionService } from './modules/auth/session.service';
import { createTwoFactorModule } from './modules/two-factor/two-factor.module';
import type { TwoFactorMethod } from './modules/two-factor/two-factor-method';
import { Metrics } from './observability/metrics';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';
import { SecretBox } from './shared/secret-box';

export interface ServiceOverrides {
  counters?: CounterStore;
  /** Mail and SMS senders; by default the configured providers. */
  senders?: { email: EmailSender; sms: SmsSender };
}

export type Services = ReturnType<typeof createServices>;

/** The domain services, wired once: the server and the operator CLI share this. */
export function createServices(
  config: Config,
  dataSource: DataSource,
  deps: { clock: Clock; logger: Logger },
  overrides: ServiceOverrides = {},
) {
  const { clock, logger } = deps;
  const metrics = new Metrics();
  const counterStore: CounterStoreHandle = createCounterStore({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    onError: (error) => logger.warn({ err: error }, 'the limit store (Redis) does not answer: 2FA and sign-in checks fail closed'),
  });
  const counters = overrides.counters ?? counterStore.store;
  const sessions = new SessionService(dataSource, clock, config.session);
  const twoFactor = createTwoFactorModule({
    dataSource,
    clock,
    logger,
    metrics,
    secrets: new SecretBox(config.encryptionKey, config.previousEncryptionKeys),
    senders: overrides.senders ?? createSenders(config.delivery, { clock, logger }),
    counters,
    codeFailuresPerIp: { maxFailures: config.ipLimits.codeFailures, windowMs: config.ipLimits.windowMs },
    sessions,
    issuerName: config.issuerName,
    policy: {
      requiredFor: config.twoFactor.requiredFor,
      graceDays: config.twoFactor.graceDays,
      methods: config.twoFactor.methods as TwoFactorMethod[],
      rememberBrowserDays: config.twoFactor.rememberBrowserDays,
      smsCountries: config.twoFactor.smsCountries,
      smsNumberTypes: config.twoFactor.smsNumberTypes,
    },
    sendLimits: config.sendLimits,
  });
  const accounts = new AccountService(
    dataSource,
    clock,
    sessions,
    new LoginThrottle(counters, clock, {
      ...DEFAULT_LOGIN_THROTTLE,
      maxFailuresPerIp: config.ipLimits.signInFailures,
      ipWindowMs: config.ipLimits.windowMs,
    }),
    {
      registrationEnabled: config.registrationEnabled,
      registrationLimit: new RegistrationLimit(counters, clock, config.registerLimitPerIp),
    },
    twoFactor.gate,
  );
  return { metrics, counterStore, sessions, twoFactor, accounts };
}
