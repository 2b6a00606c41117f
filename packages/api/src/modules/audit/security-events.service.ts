import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { canonicalEmailAddress, destinationKey } from '../../delivery/canonical-destination';
import type { EmailSender } from '../../delivery/delivery.types';
import { maskEmail } from '../../delivery/mask';
import { securityNoticeEmail, type SecurityEvent } from '../../delivery/templates';
import type { CounterState, CounterStore } from '../../limits/counter-store';
import { isUniqueViolation } from '../../db/unique-violation';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { UserEntity } from '../auth/entities/user.entity';
import type { TwoFactorMethod } from '../two-factor/two-factor-method';
import { SecurityEventEntity } from './entities/security-event.entity';
import { NOTICE_FOR_EVENT, type SecurityEventType } from './security-event-type';

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
}

/** How many notices one address may get in an hour, counted in the shared store; 0 = no cap. */
export interface NoticeCap {
  counters: CounterStore;
  perAddressPerHour: number;
}

const NOTICE_WINDOW_MS = 60 * 60_000;

const DEFAULT_PAGE = 50;
/** The detail column's width. */
const MAX_DETAIL_LENGTH = 500;
const MAX_PAGE = 200;

/**
 * The security log of each account, and the e-mails that tell the user about the events that
 * matter. Recording never fails the action it records: a notice that cannot be sent is logged.
 */
export class SecurityEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly email: EmailSender,
    private readonly issuerName: string,
    private readonly logger: Logger,
    private readonly noticeCap?: NoticeCap,
  ) {}

  async record(input: SecurityEventInput): Promise<void> {
    const row = this.row(input);
    await this.dataSource.getRepository(SecurityEventEntity).insert(row);
    const notice = NOTICE_FOR_EVENT[input.type];
    if (notice) await this.notify(input, notice, row.createdAt);
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
      await this.dataSource.getRepository(SecurityEventEntity).insert({ ...this.row(input), id });
    } catch (error) {
      // A parallel refusal inserted it first: count on its row.
      if (!isUniqueViolation(error) || !(await this.countOneMore(id))) throw error;
    }
  }

  /** Newest first. */
  async list(userId: string, first = DEFAULT_PAGE): Promise<SecurityEventEntity[]> {
    return this.dataSource.getRepository(SecurityEventEntity).find({
      where: { userId },
      order: { createdAt: 'DESC' },
      take: Math.min(Math.max(1, first), MAX_PAGE),
    });
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
      count: 1,
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

  private async notify(input: SecurityEventInput, event: SecurityEvent, when: Date): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: input.userId });
    if (!user) return;
    const message = securityNoticeEmail({
      issuerName: this.issuerName,
      event,
      when,
      method: input.method ?? undefined,
      lockedUntil: input.lockedUntil,
      recoveryCodesRemaining: input.recoveryCodesRemaining,
    });
    const slot = await this.takeNoticeSlot(user.email, when);
    if (slot === 'over-cap') {
      this.logger.warn(
        { event: input.type, userId: input.userId, to: maskEmail(user.email) },
        'security notice dropped: hourly cap for the address',
      );
      return;
    }
    try {
      await this.email.send({ to: user.email, ...message });
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
