import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type CodeCheckOutcome = 'valid' | 'invalid' | 'expired' | 'used' | 'refused';
export type DeliveryOutcome = 'sent' | 'failed';

/**
 * The Prometheus metrics of one app, served at /metrics. Each app has its own registry, so several
 * apps in one process (tests) never share or clash.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'latchkey_graphql_requests_total',
    help: 'GraphQL requests, by operation type.',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'latchkey_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'latchkey_graphql_errors_total',
    help: 'GraphQL errors answered, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly codeChecks = new Counter({
    name: 'latchkey_two_factor_checks_total',
    help: 'Second-factor checks, by method (a TwoFactorMethod of the schema, or RECOVERY for a recovery code) and outcome.',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly codesSent = new Counter({
    name: 'latchkey_codes_sent_total',
    help: 'E-mail and SMS codes handed to a provider, by channel, provider and outcome.',
    labelNames: ['channel', 'provider', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly lockouts = new Counter({
    name: 'latchkey_two_factor_lockouts_total',
    help: 'Lockouts of 2FA checks started after too many wrong codes.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'latchkey_' });
  }
}
