import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { SecretBox } from '../../shared/secret-box';
import type { SecurityEventsService } from '../audit/security-events.service';
import type { TwoFactorService } from '../two-factor/two-factor.service';
import { systemResolver, type HostResolver } from './delivery/target-address';
import { DEFAULT_DISPATCHER_SETTINGS, WebhookDispatcher, type DispatcherSettings } from './delivery/webhook-dispatcher';
import type { WebhookOutbox } from './webhook-outbox';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/** The settings of webhooks (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE, WEBHOOK_TIMEOUT_SECONDS). */
export interface WebhookConfig {
  allowHttp: boolean;
  allowPrivate: boolean;
  timeoutMs: number;
}

export interface WebhooksDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  secrets: SecretBox;
  events: SecurityEventsService;
  /** Where the security log queues deliveries; made before the log, which needs it. */
  outbox: WebhookOutbox;
  twoFactor: Pick<TwoFactorService, 'activeEnrollment' | 'proveOwnFactor'>;
  config: WebhookConfig;
  /** How host names resolve (tests give their own). */
  resolve?: HostResolver;
  /** The dispatcher's poll interval, batch and retry waits, when not the defaults (tests). */
  dispatcher?: Partial<Omit<DispatcherSettings, 'policy' | 'timeoutMs'>>;
}

/** The resolver classes of the webhooks module, for the schema. */
export const WEBHOOK_RESOLVERS = [WebhooksResolver];

/** Webhooks: the admin's API, and the dispatcher that sends what the security log queues. */
export function createWebhooksModule(deps: WebhooksDependencies) {
  const policy = { allowHttp: deps.config.allowHttp, allowPrivate: deps.config.allowPrivate };
  const resolve = deps.resolve ?? systemResolver;
  const webhooks = new WebhooksService({
    dataSource: deps.dataSource,
    clock: deps.clock,
    secrets: deps.secrets,
    events: deps.events,
    twoFactor: deps.twoFactor,
    policy,
    resolve,
  });
  const dispatcher = new WebhookDispatcher({
    dataSource: deps.dataSource,
    clock: deps.clock,
    logger: deps.logger,
    secrets: deps.secrets,
    resolve,
    settings: { ...DEFAULT_DISPATCHER_SETTINGS, ...deps.dispatcher, policy, timeoutMs: deps.config.timeoutMs },
  });
  deps.outbox.onCommitted(() => dispatcher.wake());
  return { webhooks, dispatcher, resolvers: [new WebhooksResolver(webhooks)] };
}
