import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { instant } from '../../db/columns';
import { preparedSelect, preparedWrite } from '../../db/prepared-statements';
import type { ClientInfo } from '../../shared/client-info';
import type { Clock } from '../../shared/clock';
import { hashToken, newOpaqueToken } from '../../shared/opaque-token';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import type { SecondFactorPassage } from './session-second-factor';

export interface SessionPolicy {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
}

export interface IssuedSession {
  /** The bearer token: shown once, to the client; only its hash is stored. */
  token: string;
  session: SessionEntity;
}

export type SessionLookup =
  | { status: 'valid'; session: SessionEntity; user: UserEntity }
  /** A token was presented but opens nothing: unknown, revoked, idle too long or past its end. */
  | { status: 'dead' };

/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_USER_AGENT_LENGTH = 256;

export { hashToken };

export class SessionService {
  /** Every request with a token reads its session and user: one prepared statement. */
  private readonly sessionByTokenHash;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {
    this.sessionByTokenHash = preparedSelect(dataSource, {
      name: 'session_by_token_hash',
      select: { session: SessionEntity, user: UserEntity },
      from: '"sessions" "session" LEFT JOIN "users" "user" ON "user"."id" = "session"."user_id"',
      where: 'WHERE "session"."token_hash" = ?',
    });
    this.insertSession = preparedWrite(dataSource, {
      name: 'session_insert',
      sql:
        'INSERT INTO "sessions" ("id", "token_hash", "user_id", "created_at", "last_seen_at", "expires_at", "revoked_at", "ip", ' +
        '"user_agent", "second_factor", "second_factor_method") VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)',
    });
    this.touchSession = preparedWrite(dataSource, {
      name: 'session_touch',
      sql: 'UPDATE "sessions" SET "last_seen_at" = ? WHERE "id" = ?',
    });
  }

  /** Every sign-in starts one: prepared once, run in the caller's transaction if any. */
  private readonly insertSession;

  /**
   * A session in use is marked seen once a minute: prepared once, as TypeORM's update builds its
   * SQL again each time, which cost more than a whole request that needs no mark.
   */
  private readonly touchSession;

  /**
   * Starts a session with a fresh random token, recording how its sign-in passed the second step.
   * Pass `manager` to join the caller's transaction.
   */
  async issue(
    userId: string,
    client: ClientInfo,
    passage: SecondFactorPassage,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IssuedSession> {
    const token = newOpaqueToken();
    const now = this.clock.now();
    const session = manager.create(SessionEntity, {
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.policy.absoluteTimeoutMs),
      revokedAt: null,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
      secondFactor: passage.kind,
      secondFactorMethod: passage.method ?? null,
    });
    await this.insertSession(
      [
        session.id,
        session.tokenHash,
        userId,
        instant(now),
        instant(now),
        instant(session.expiresAt),
        session.ip,
        session.userAgent,
        session.secondFactor,
        session.secondFactorMethod,
      ],
      manager,
    );
    return { token, session };
  }

  async lookup(token: string): Promise<SessionLookup> {
    const found = await this.sessionByTokenHash.first([hashToken(token)]);
    const session = found?.session;
    if (!session || !found.user || !this.isLive(session)) return { status: 'dead' };
    session.user = found.user;

    const now = this.clock.now();
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.touchSession([instant(now), session.id]);
      session.lastSeenAt = now;
    }
    return { status: 'valid', session, user: session.user };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /**
   * Ends every live session of a user but `keepSessionId` (after 2FA or password changes: other
   * devices sign in again); answers how many ended. Sessions already over are left as they are.
   */
  async revokeOthers(userId: string, keepSessionId: string | null, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const now = this.clock.now().getTime();
    const query = manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: this.clock.now() })
      .where('user_id = :userId AND revoked_at IS NULL AND expires_at > :now AND last_seen_at > :idleSince', {
        userId,
        now,
        idleSince: now - this.policy.idleTimeoutMs,
      });
    if (keepSessionId) query.andWhere('id <> :keepSessionId', { keepSessionId });
    return (await query.execute()).affected ?? 0;
  }

  private isLive(session: SessionEntity): boolean {
    const now = this.clock.now().getTime();
    return (
      session.revokedAt === null && now < session.expiresAt.getTime() && now < session.lastSeenAt.getTime() + this.policy.idleTimeoutMs
    );
  }
}
