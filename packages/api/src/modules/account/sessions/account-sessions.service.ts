import { type DataSource } from 'typeorm';
import type { Clock } from '../../../shared/clock';
import type { SecurityEventsService } from '../../audit/security-events.service';
import { SecurityEventType } from '../../audit/security-event-type';
import { SessionEntity } from '../../auth/entities/session.entity';
import type { SessionPolicy, SessionService } from '../../auth/session.service';
import { browserLabel } from '../../two-factor/remembered-browsers/browser-label';
import type { Actor } from '../../two-factor/two-factor.service';
import { fail } from '../../../errors/app-error';
import { ActiveSession } from './active-session.type';

const SESSION_ID = /^[0-9a-f-]{36}$/i;

export interface AccountSessionsDependencies {
  dataSource: DataSource;
  clock: Clock;
  /** How long a session may be idle, and live at most. */
  policy: SessionPolicy;
  sessions: SessionService;
  events: SecurityEventsService;
}

/** The signed-in user's view of their own sessions: list them, end one, end all but this one. */
export class AccountSessionsService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly policy: SessionPolicy;
  private readonly sessions: SessionService;
  private readonly events: SecurityEventsService;

  constructor(deps: AccountSessionsDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.policy = deps.policy;
    this.sessions = deps.sessions;
    this.events = deps.events;
  }

  /** The user's live sessions (not ended, not idle too long), most recently used first. */
  async list(actor: Actor): Promise<ActiveSession[]> {
    const now = this.clock.now().getTime();
    const rows = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('session')
      .where('session.user_id = :userId AND session.revoked_at IS NULL', { userId: actor.user.id })
      .andWhere('session.expires_at > :now AND session.last_seen_at > :idleSince', { now, idleSince: now - this.policy.idleTimeoutMs })
      .orderBy('session.last_seen_at', 'DESC')
      .addOrderBy('session.created_at', 'DESC')
      .getMany();
    return rows.map((row) =>
      Object.assign(new ActiveSession(), {
        id: row.id,
        device: browserLabel(row.userAgent),
        ip: row.ip,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        current: row.id === actor.session.id,
        secondFactor: row.secondFactor,
        secondFactorMethod: row.secondFactorMethod,
      }),
    );
  }

  /**
   * Ends one of the user's sessions (this one too, like signing out); answers whether it was this
   * one. Another user's session id is as unknown as a made-up one, and tells nothing about it.
   */
  async revoke(actor: Actor, sessionId: string): Promise<{ current: boolean }> {
    const repository = this.dataSource.getRepository(SessionEntity);
    const row = SESSION_ID.test(sessionId) ? await repository.findOneBy({ id: sessionId, userId: actor.user.id }) : null;
    const now = this.clock.now();
    // Conditional on being live and the caller's: a session already ended, or racing another revoke, is refused once.
    const ended = row
      ? await repository
          .createQueryBuilder()
          .update()
          .set({ revokedAt: now })
          .where('id = :id AND user_id = :userId AND revoked_at IS NULL', { id: row.id, userId: actor.user.id })
          .andWhere('expires_at > :now AND last_seen_at > :idleSince', {
            now: now.getTime(),
            idleSince: now.getTime() - this.policy.idleTimeoutMs,
          })
          .execute()
      : null;
    if (!row || ended?.affected !== 1) throw fail('NO_SUCH_SESSION');
    await this.events.record({
      userId: actor.user.id,
      type: SecurityEventType.SESSION_REVOKED,
      ip: actor.ip,
      detail: browserLabel(row.userAgent),
    });
    return { current: row.id === actor.session.id };
  }

  /** "Sign out everywhere else": every live session of the user but this one ends; answers how many. */
  async revokeOthers(actor: Actor): Promise<number> {
    const ended = await this.sessions.revokeOthers(actor.user.id, actor.session.id);
    if (ended > 0) {
      await this.events.record({ userId: actor.user.id, type: SecurityEventType.OTHER_SESSIONS_REVOKED, ip: actor.ip, count: ended });
    }
    return ended;
  }
}
