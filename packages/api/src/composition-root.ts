import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { openDatabase } from './db/data-source';
import type { EmailSender, SmsSender } from './delivery/delivery.types';
import { createSenders } from './delivery/senders';
import { ErrorCatalogueResolver } from './errors/error-catalogue.resolver';
import type { CounterStore } from './limits/counter-store';
import { createCounterStore, type CounterStoreHandle } from './limits/create-counter-store';
import { ACCOUNT_ENTITIES } from './modules/account/account.entities';
import { ADMINISTRATION_ENTITIES } from './modules/administration/administration.entities';
import { ADMINISTRATION_RESOLVERS, createAdministrationModule, createPolicySource } from './modules/administration/administration.module';
import { METHOD_IDS } from './modules/two-factor/methods/registry';
import { ACCOUNT_RESOLVERS, createAccountModule } from './modules/account/account.module';
import { API_TOKEN_ENTITIES } from './modules/api-tokens/api-tokens.entities';
import { API_TOKEN_RESOLVERS, createApiTokensModule } from './modules/api-tokens/api-tokens.module';
import { AUDIT_ENTITIES } from './modules/audit/audit.entities';
import { AUDIT_RESOLVERS, createAuditModule } from './modules/audit/audit.module';
import { AUTH_ENTITIES } from './modules/auth/auth.entities';
import { AUTH_RESOLVERS, createAuthModule } from './modules/auth/auth.module';
import { RECOVERY_ENTITIES } from './modules/recovery/recovery.entities';
import { RECOVERY_RESOLVERS, createRecoveryModule } from './modules/recovery/recovery.module';
import { SUPPORT_RESOLVERS, createSupportModule } from './modules/support/support.module';
import { TWO_FACTOR_ENTITIES } from './modules/two-factor/two-factor.entities';
import { TWO_FACTOR_RESOLVERS, createTwoFactorModule } from './modules/two-factor/two-factor.module';
import type { HostResolver } from './modules/webhooks/delivery/target-address';
import type { DispatcherSettings } from './modules/webhooks/delivery/webhook-dispatcher';
import { WebhookOutbox } from './modules/webhooks/webhook-outbox';
import { WEBHOOK_ENTITIES } from './modules/webhooks/webhooks.entities';
import { WEBHOOK_RESOLVERS, createWebhooksModule } from './modules/webhooks/webhooks.module';
import { Metrics } from './observability/metrics';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';
import { SecretBox } from './shared/secret-box';

/*
 * The one place the modules are put together: the server (app.ts), the operator's CLI and the
 * scripts build from here. A module brings its tables, its resolver classes and a factory that
 * takes a dependency object; adding one means adding it to the three lists below.
 */

/** Every table, from the modules that own them. Migrations must match these (a test checks it on both databases). */
export const ENTITIES = [
  ...AUTH_ENTITIES,
  ...AUDIT_ENTITIES,
  ...TWO_FACTOR_ENTITIES,
  ...ACCOUNT_ENTITIES,
  ...API_TOKEN_ENTITIES,
  ...RECOVERY_ENTITIES,
  ...WEBHOOK_ENTITIES,
  ...ADMINISTRATION_ENTITIES,
];

/** Every resolver class of the schema, from the modules; the app makes one instance of each. */
export const RESOLVER_CLASSES = [
  ...AUTH_RESOLVERS,
  ...AUDIT_RESOLVERS,
  ...TWO_FACTOR_RESOLVERS,
  ...SUPPORT_RESOLVERS,
  ...ACCOUNT_RESOLVERS,
  ...API_TOKEN_RESOLVERS,
  ...RECOVERY_RESOLVERS,
  ...WEBHOOK_RESOLVERS,
  ...ADMINISTRATION_RESOLVERS,
  ErrorCatalogueResolver,
];

export interface ModuleOverrides {
  counters?: CounterStore;
  /** Mail and SMS senders; by default the configured providers. */
  senders?: { email: EmailSender; sms: SmsSender };
  /** How webhook hosts resolve, and the dispatcher's timing (tests). */
  webhooks?: { resolve?: HostResolver; dispatcher?: Partial<Omit<DispatcherSettings, 'policy' | 'timeoutMs'>> };
}

export type Composition = ReturnType<typeof composeModules>;
export type Modules = Composition['modules'];

/** The configured database, with every module's tables. */
export function openAppDatabase(config: Config, options: { migrate: boolean }): Promise<DataSource> {
  return openDatabase(config.database, { entities: ENTITIES, migrate: options.migrate });
}

/** Builds every module once, in the order they depend on each other, and their resolvers. */
export function composeModules(
  config: Config,
  dataSource: DataSource,
  deps: { clock: Clock; logger: Logger },
  overrides: ModuleOverrides = {},
) {
  const { clock, logger } = deps;
  const metrics = new Metrics();
  const counterStore: CounterStoreHandle = createCounterStore({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    onError: (error) => logger.warn({ err: error }, 'the limit store (Redis) does not answer: 2FA and sign-in checks fail closed'),
  });
  const counters = overrides.counters ?? counterStore.store;
  const senders = overrides.senders ?? createSenders(config.delivery, { clock, logger });

  const secrets = new SecretBox(config.encryptionKey, config.previousEncryptionKeys);
  // The security log queues webhook deliveries as it records; the webhooks module sends them.
  const webhookOutbox = new WebhookOutbox(clock);
  const audit = createAuditModule({
    dataSource,
    clock,
    logger,
    email: senders.email,
    issuerName: config.issuerName,
    counters,
    noticesPerAddressPerHour: config.sendLimits.noticesPerAddressPerHour,
    outbox: webhookOutbox,
  });
  const { events } = audit;
  // Sign-in asks 2FA for its second step, and 2FA hands out auth's sessions: auth is built first,
  // and reaches 2FA (and the account module, for the welcome e-mail) only once a request comes.
  const auth = createAuthModule({
    dataSource,
    clock,
    logger,
    counters,
    sessionPolicy: config.session,
    passwordHashCost: config.passwordHashCost,
    signInFailuresPerIp: { maxFailures: config.ipLimits.signInFailures, windowMs: config.ipLimits.windowMs },
    registration: {
      enabled: config.registrationEnabled,
      perIpPerHour: config.registerLimitPerIp,
      after: (user, client) => account.emails.welcome(user, client.ip ?? 'unknown'),
    },
    events,
    secondFactor: {
      // An approved recovery whose wait is over takes effect at the sign-in itself, not at the next
      // run of the periodic job: the password then opens the account without a code, as promised.
      secondStep: async (user, client, rememberedBrowser) => {
        await recovery.recovery.completeDueFor(user.id);
        return twoFactor.gate.secondStep(user, client, rememberedBrowser);
      },
    },
    secrets,
  });
  // The 2FA policy an admin saved, or the environment's until then: the flows read it at each use.
  const policy = createPolicySource({
    dataSource,
    clock,
    defaults: {
      requiredFor: config.twoFactor.requiredFor,
      graceDays: config.twoFactor.graceDays,
      methods: config.twoFactor.methods,
      rememberBrowserDays: config.twoFactor.rememberBrowserDays,
      smsCountries: config.twoFactor.smsCountries,
    },
  });
  const twoFactor = createTwoFactorModule({
    dataSource,
    clock,
    passwords: auth.passwords,
    logger,
    metrics,
    secrets,
    senders,
    events,
    handOff: auth.handOff,
    counters,
    codeFailuresPerIp: { maxFailures: config.ipLimits.codeFailures, windowMs: config.ipLimits.windowMs },
    sessions: auth.sessions,
    issuerName: config.issuerName,
    policy,
    methodSettings: {
      SMS: { countries: async () => (await policy.current()).smsCountries, numberTypes: config.twoFactor.smsNumberTypes },
      WEBAUTHN: config.twoFactor.webAuthn,
    },
    sendLimits: config.sendLimits,
    // API tokens end with 2FA; they are built below, and reached only once 2FA goes.
    endWithTwoFactor: async (userId, why, manager) => {
      await apiTokens.endAll(userId, why, manager);
    },
  });
  const apiTokens = createApiTokensModule({ dataSource, clock, events, twoFactor: twoFactor.twoFactor });
  const support = createSupportModule({ dataSource, clock, counters, events, twoFactor: twoFactor.twoFactor });
  const account = createAccountModule({
    dataSource,
    clock,
    logger,
    counters,
    email: senders.email,
    issuerName: config.issuerName,
    publicUrl: config.publicUrl,
    budgets: config.sendLimits,
    events,
    passwords: auth.passwords,
    twoFactor: twoFactor.twoFactor,
    rememberedBrowsers: twoFactor.rememberedBrowsers,
    sessions: auth.sessions,
    sessionPolicy: config.session,
    throttle: auth.throttle,
    accounts: auth.accounts,
    handOff: auth.handOff,
    apiTokens,
  });
  const recovery = createRecoveryModule({
    dataSource,
    clock,
    logger,
    counters,
    events,
    links: account.links,
    mailer: account.mailer,
    challenges: twoFactor.challenges,
    twoFactor: twoFactor.twoFactor,
    staff: support.staffRules,
    supportContact: config.supportContact,
    waitMs: config.recovery.waitMs,
    sweepIntervalMs: config.recovery.sweepIntervalMs,
  });

  const webhooks = createWebhooksModule({
    dataSource,
    clock,
    logger,
    secrets,
    events,
    outbox: webhookOutbox,
    twoFactor: twoFactor.twoFactor,
    config: config.webhooks,
    ...overrides.webhooks,
  });

  const administration = createAdministrationModule({
    dataSource,
    clock,
    counters,
    events,
    policy,
    staff: support.staffRules,
    offerable: offerableMethods(config),
  });

  const modules = { auth, audit, twoFactor, support, account, apiTokens, recovery, webhooks, administration };
  return {
    metrics,
    counterStore,
    modules,
    resolvers: [...Object.values(modules).flatMap((module) => module.resolvers), new ErrorCatalogueResolver()],
  };
}

/**
 * The methods an admin may offer: those this deployment can deliver. SMS needs an SMS provider
 * (production configures none while SMS is not among TWO_FACTOR_METHODS), and security keys in
 * production need the WebAuthn settings, which are asked for only when WEBAUTHN is offered.
 */
function offerableMethods(config: Config) {
  return METHOD_IDS.filter((id) => {
    if (id === 'SMS') return config.delivery.sms.provider !== 'none';
    if (id === 'WEBAUTHN') return config.nodeEnv !== 'production' || config.twoFactor.methods.includes('WEBAUTHN');
    return true;
  });
}
