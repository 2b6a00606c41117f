import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalEmailAddress, destinationKey } from '../../delivery/canonical-destination';
import type { EmailSender } from '../../delivery/delivery.types';
import { maskEmail } from '../../delivery/mask';
import { securityNoticeEmail, type SecurityEvent } from '../../delivery/templates';
import type { CounterState, CounterStore } from '../../limits/counter-store';
import { instant } from '../../db/columns';
import { readKeysetPage, type KeysetPage, type PageRequest } from '../../db/keyset-page';
import { preparedWrite } from '../../db/prepared-statements';
import { isUniqueViolation } from '../../db/unique-violation';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { UserEntity } from '../auth/entities/user.entity';
import { methodDefinition } from '../two-factor/methods/registry';
import type { TwoFactorMethod } from '../two-factor/two-factor-method';
import { SECURITY_LOG_CURSOR } from './dto/security-event-connection';
import { SecurityEventEntity } from './entities/security-event.entity';
import { NOTICE_FOR_EVENT, SecurityEventType } from './security-event-type';

export interface SecurityEventInput {
  userId: string;
  type: SecurityEventType;
  method?: TwoFactorMethod | null;
  ip?: string | null;
  /** Staff who acted on the account, if not its owner. */
  actorUserId?: string | null;
  /** For TWO_FACTOR_RESET: the reason given; for SUPPORT_SEARCHED: the text searched for. Never a code or a secret. */
  detail?: string | null;
  /** For LOCKOUT_STARTED: when the lock ends. */
  lockedUntil?: Date;
  /** For RECOVERY_CODE_USED: how many are left. */
  recoveryCodesRemaining?: number;
  /** Rows of the event beyond this one, for an entry that stands for several (OTHER_SESSIONS_REVOKED). */
  count?: number;
  /**
   * For EMAIL_CHANGED: the notice goes to the address the account just left (null: none, as it was
   * never verified), not to the new one, and names the new one masked.
   */
  notice?: { to: string | null; newAddress: string };
}

/** How many notices one address may get in an hour, counted in the shared store; 0 = no cap. */
export interface NoticeCap {
  counters: CounterStore;
  perAddressPerHour: number;
}

/**
 * Where the events integrators subscribe to (webhooks) are queued: in the transaction that records
 * the event, so a change that rolls back sends nothing and a committed one cannot lose its delivery.
 */
export interface SecurityEventOutbox {
  /** Whether events of this type are ever queued (the others are recorded without a transaction). */
  carries(type: SecurityEventType): boolean;
  /** Queues the event for whoever subscribed to it; answers whether anything was queued. */
  enqueue(manager: EntityManager, event: SecurityEventEntity, input: SecurityEventInput): Promise<boolean>;
  /** Says that what was queued is committed (this process's dispatcher sends it at once). */
  committed(): void;
}

/** An event recorded in a caller's transaction: `announce` once that transaction has committed. */
export interface RecordedEvent {
  /** E-mails the notice, and has this process send the webhooks, of a committed event. */
  announce(): Promise<void>;
}

const NOTICE_WINDOW_MS = 60 * 60_000;

/** Events whose `detail` is the name of a credential (a security key), which their notice names. */
const CREDENTIAL_EVENTS: ReadonlySet<SecurityEventType> = new Set([
  SecurityEventType.TWO_FACTOR_CREDENTIAL_ADDED,
  SecurityEventType.TWO_FACTOR_CREDENTIAL_REMOVED,
]);

const DEFAULT_PAGE = 50;
/** The detail column's width. */
const MAX_DETAIL_LENGTH = 500;
const MAX_PAGE = 200;

export interface SecurityEventsDependencies {
  dataSource: DataSource;
  clock: Clock;
  /** Sends the notices. */
  email: EmailSender;
  /** The service's name, as the notices sign them. */
  issuerName: string;
  logger: Logger;
  noticeCap?: NoticeCap;
  /** Where events integrators subscribe to are queued (webhooks). */
  outbox?: SecurityEventOutbox;
}

/**
 * The security log of each account, and the e-mails that tell the user about the events that
 * matter. Recording never fails the action it records: a notice that cannot be sent is logged.
 */
export class SecurityEventsService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly email: EmailSender;
  private readonly issuerName: string;
  private readonly logger: Logger;
  private readonly noticeCap: NoticeCap | undefined;
  private readonly outbox: SecurityEventOutbox | undefined;

  constructor(deps: SecurityEventsDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.email = deps.email;
    this.issuerName = deps.issuerName;
    this.logger = deps.logger;
    this.noticeCap = deps.noticeCap;
    this.outbox = deps.outbox;
    this.insertEvent = preparedWrite(deps.dataSource, {
      name: 'security_event_insert',
      sql:
        'INSERT INTO "security_events" ("id", "user_id", "type", "method", "ip", "actor_user_id", "detail", "count", "created_at") ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    });
  }

  /** Every sign-in and every change writes an entry: prepared once, run in the caller's transaction if any. */
  private readonly insertEvent;

  private insert(manager: EntityManager, row: SecurityEventEntity): Promise<number> {
    const { id, userId, type, method, ip, actorUserId, detail, count, createdAt } = row;
    return this.insertEvent([id, userId, type, method, ip, actorUserId, detail, count, instant(createdAt)], manager);
  }

  /** Records an event of its own (in a transaction of its own when webhooks may be queued for it), then announces it. */
  async record(input: SecurityEventInput): Promise<void> {
    const recorded = this.outbox?.carries(input.type)
      ? await this.dataSource.transaction((manager) => this.recordIn(manager, input))
      : await this.recordIn(this.dataSource.manager, input);
    await recorded.announce();
  }

  /**
   * Records an event as part of the caller's transaction, with the webhook deliveries it queues:
   * the caller announces it once the transaction commits (a rolled-back change is never announced).
   */
  async recordIn(manager: EntityManager, input: SecurityEventInput): Promise<RecordedEvent> {
    const row = this.row(input);
    await this.insert(manager, row);
    const queued = this.outbox?.carries(input.type) ? await this.outbox.enqueue(manager, row, input) : false;
    return {
      announce: async () => {
        if (queued) this.outbox?.committed();
        const notice = NOTICE_FOR_EVENT[input.type];
        if (notice) await this.notify(input, notice, row.createdAt);
      },
    };
  }

  /**
   * Records an event inside the caller's transaction, so that it commits or rolls back with the
   * change it records. Only for events without a notice: an e-mail waits for the change to commit.
   */
  async recordWithin(manager: EntityManager, input: SecurityEventInput): Promise<void> {
    if (NOTICE_FOR_EVENT[input.type]) throw new Error(`${input.type} e-mails a notice: record it once the change is committed`);
    await this.insert(manager, this.row(input));
  }

  /**
   * Records an event that can repeat many times within one episode (codes refused during one
   * lockout) as one entry that counts them, so a flood of refusals cannot push the events that
   * matter out of the log. `episode` names the episode (e.g. when the lock ends); the entry's id
   * comes from it, so parallel refusals meet on one row: the first inserts it, the others add one.
   */
  async recordRepeated(input: SecurityEventInput, episode: string): Promise<void> {
    const id = entryIdOf(input.userId, input.type, episode);
    if (await this.countOneMore(id)) return;
    try {
      await this.insert(this.dataSource.manager, Object.assign(this.row(input), { id }));
    } catch (error) {
      // A parallel refusal inserted it first: count on its row.
      if (!isUniqueViolation(error) || !(await this.countOneMore(id))) throw error;
    }
  }

  /** Newest first, at most a page, clamped silently (the deprecated list fields read this). */
  async list(userId: string, first = DEFAULT_PAGE): Promise<SecurityEventEntity[]> {
    return this.dataSource.getRepository(SecurityEventEntity).find({
      where: { userId },
      order: { createdAt: 'DESC' },
      take: Math.min(Math.max(1, first), MAX_PAGE),
    });
  }

  /** One page of a user's log, newest first (by instant, then id), after the request's cursor. */
  page(userId: string, request: PageRequest): Promise<KeysetPage<SecurityEventEntity>> {
    const repository = this.dataSource.getRepository(SecurityEventEntity);
    return readKeysetPage(
      SECURITY_LOG_CURSOR,
      () => repository.createQueryBuilder('event').where('event.user_id = :userId', { userId }),
      'event',
      request,
    );
  }

  private row(input: SecurityEventInput): SecurityEventEntity {
    return Object.assign(new SecurityEventEntity(), {
      id: randomUUID(),
      userId: input.userId,
      type: input.type,
      method: input.method ?? null,
      ip: input.ip ?? null,
      actorUserId: input.actorUserId ?? null,
      detail: input.detail?.slice(0, MAX_DETAIL_LENGTH) ?? null,
      count: input.count ?? 1,
      createdAt: this.clock.now(),
    });
  }

  private async countOneMore(id: string): Promise<boolean> {
    const counted = await this.dataSource
      .getRepository(SecurityEventEntity)
      .createQueryBuilder()
      .update()
      .set({ count: () => '"count" + 1' })
      .where('id = :id', { id })
      .execute();
    return counted.affected === 1;
  }

  /**
   * E-mails the owner, at the account's address only once it is verified: an address nobody proved
   * may be someone else's, who should get no mail about an account they never made.
   */
  private async notify(input: SecurityEventInput, event: SecurityEvent, when: Date): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: input.userId });
    if (!user) return;
    const to = input.notice ? input.notice.to : user.emailVerified ? user.email : null;
    if (!to) {
      this.logger.info({ event: input.type, userId: input.userId }, 'security notice not sent: the address is not verified');
      return;
    }
    const message = securityNoticeEmail({
      issuerName: this.issuerName,
      event,
      when,
      methodName: input.method ? methodDefinition(input.method).noticeName : undefined,
      lockedUntil: input.lockedUntil,
      recoveryCodesRemaining: input.recoveryCodesRemaining,
      device: input.type === SecurityEventType.NEW_DEVICE_SIGN_IN ? (input.detail ?? undefined) : undefined,
      ip: input.ip ?? undefined,
      newAddress: input.notice?.newAddress,
      keyName: CREDENTIAL_EVENTS.has(input.type) ? (input.detail ?? undefined) : undefined,
      apiToken: input.type === SecurityEventType.API_TOKEN_CREATED ? (input.detail ?? undefined) : undefined,
    });
    const slot = await this.takeNoticeSlot(to, when);
    if (slot === 'over-cap') {
      this.logger.warn(
        { event: input.type, userId: input.userId, to: maskEmail(to) },
        'security notice dropped: hourly cap for the address',
      );
      return;
    }
    try {
      await this.email.send({ to, ...message });
    } catch (error) {
      this.logger.warn({ err: error, event: input.type, userId: input.userId }, 'security notice could not be sent');
      // A notice that did not go out leaves room for the next one.
      if (slot) await this.noticeCap?.counters.decrement(slot.key, slot.windowEndMs).catch(() => undefined);
    }
  }

  /**
   * A slot of the address's hourly notice cap (counted by mailbox, so `+tags` share it), or
   * 'over-cap'. Without a cap, or when the limit store does not answer, the notice goes out
   * uncounted (null): a security notice matters more than its cap.
   */
  private async takeNoticeSlot(address: string, when: Date): Promise<{ key: string; windowEndMs: number } | 'over-cap' | null> {
    if (!this.noticeCap || this.noticeCap.perAddressPerHour <= 0) return null;
    const { counters, perAddressPerHour } = this.noticeCap;
    const key = `notices:to:${destinationKey(canonicalEmailAddress(address))}`;
    let state: CounterState;
    try {
      state = await counters.increment(key, NOTICE_WINDOW_MS, when.getTime());
    } catch (error) {
      this.logger.warn({ err: error }, 'notice cap not counted: the limit store does not answer');
      return null;
    }
    if (state.count <= perAddressPerHour) return { key, windowEndMs: state.resetAtMs };
    // Refused notices take no room: the count stays at the cap, so the window ends on time.
    await counters.decrement(key, state.resetAtMs).catch(() => undefined);
    return 'over-cap';
  }
}

/** The id of the one entry of an episode: the same for every refusal of it, unlike any random id. */
function entryIdOf(userId: string, type: SecurityEventType, episode: string): string {
  const hex = createHash('sha256').update(`${userId}\n${type}\n${episode}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
