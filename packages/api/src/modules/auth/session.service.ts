import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { SessionEntity } from './entities/session.entity';
import type { UserEntity } from './entities/user.entity';

export interface SessionPolicy {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
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

const TOKEN_BYTES = 32;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_USER_AGENT_LENGTH = 256;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {}

  /** Starts a session with a fresh random token. Pass `manager` to join the caller's transaction. */
  async issue(userId: string, client: ClientInfo, manager: EntityManager = this.dataSource.manager): Promise<IssuedSession> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
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
    });
    await manager.insert(SessionEntity, session);
    return { token, session };
  }

  async lookup(token: string): Promise<SessionLookup> {
    const session = await this.dataSource.getRepository(SessionEntity).findOne({
      where: { tokenHash: hashToken(token) },
      relations: { user: true },
    });
    if (!session?.user || !this.isLive(session)) return { status: 'dead' };

    const now = this.clock.now();
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.dataSource.getRepository(SessionEntity).update({ id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
    }
    return { status: 'valid', session, user: session.user };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Ends every live session of a user but `keepSessionId` (after 2FA changes: other devices sign in again). */
  async revokeOthers(userId: string, keepSessionId: string | null, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const query = manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: this.clock.now() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keepSessionId) query.andWhere('id <> :keepSessionId', { keepSessionId });
    await query.execute();
  }

  private isLive(session: SessionEntity): boolean {
    const now = this.clock.now().getTime();
    return (
      session.revokedAt === null && now < session.expiresAt.getTime() && now < session.lastSeenAt.getTime() + this.policy.idleTimeoutMs
    );
  }
}
