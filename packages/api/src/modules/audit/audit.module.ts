import type { DataSource } from 'typeorm';
import type { EmailSender } from '../../delivery/delivery.types';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { SecurityEventsResolver } from './security-events.resolver';
import { SecurityEventsService, type SecurityEventOutbox } from './security-events.service';

export interface AuditDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  /** Sends the security notices. */
  email: EmailSender;
  issuerName: string;
  counters: CounterStore;
  /** Notices one address may get in an hour (0 = no cap). */
  noticesPerAddressPerHour: number;
  /** Where the events integrators subscribe to are queued, in the transaction that records them (webhooks). */
  outbox?: SecurityEventOutbox;
}

/** The resolver classes of the audit module, for the schema. */
export const AUDIT_RESOLVERS = [SecurityEventsResolver];

/** The security log of each account, and the notices that tell its owner about what matters. */
export function createAuditModule(deps: AuditDependencies) {
  const events = new SecurityEventsService({
    dataSource: deps.dataSource,
    clock: deps.clock,
    email: deps.email,
    issuerName: deps.issuerName,
    logger: deps.logger,
    noticeCap: { counters: deps.counters, perAddressPerHour: deps.noticesPerAddressPerHour },
    outbox: deps.outbox,
  });
  return { events, resolvers: [new SecurityEventsResolver(events)] };
}
