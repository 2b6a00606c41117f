import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { checkInputs, fail } from '../../errors/app-error';
import type { ApiTokenAuthenticator, ApiTokenLookup } from '../../graphql/context';
import type { Clock } from '../../shared/clock';
import { hashToken, newOpaqueToken, OPAQUE_TOKEN_PATTERN } from '../../shared/opaque-token';
import type { FreshProof } from '../account/fresh-proof';
import type { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import type { UserEntity } from '../auth/entities/user.entity';
import { isRoleBelow, Role } from '../auth/role';
import type { Actor, TwoFactorService } from '../two-factor/two-factor.service';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenScope, fieldsReached, STAFF_SCOPES } from './api-token-scope';
import { ApiToken } from './dto/api-token.types';

export const API_TOKEN_LIMITS = {
  /** Live tokens an account may hold at once. */
  maxPerUser: 20,
  defaultDays: 90,
  minDays: 1,
  maxDays: 365,
  nameMaxLength: 64,
} as const;

const DAY_MS = 24 * 60 * 60_000;
/** lastUsedAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * `lk_` and 32 random bytes in base64url. The prefix tells an API token from a session token (43
 * characters, never 46) without a lookup, and lets secret scanners recognise a leaked one.
 */
const TOKEN_PREFIX = 'lk_';
export const API_TOKEN_PATTERN = /^lk_[A-Za-z0-9_-]{43}$/;

/** Why every token of an account ended at once, as the security log says it. */
export const TOKENS_END_WORDS = {
  TWO_FACTOR_DISABLED: '2FA was turned off',
  TWO_FACTOR_RESET: '2FA was reset',
  PASSWORD_CHANGED: 'the password was changed',
  PASSWORD_RESET: 'the password was reset',
} as const;
export type TokensEnd = keyof typeof TOKENS_END_WORDS;

export interface NewApiToken {
  name: string;
  scopes: readonly ApiTokenScope[];
  expiresInDays: number | null | undefined;
  proof: string;
}

export interface ApiTokenDependencies {
  dataSource: DataSource;
  clock: Clock;
  events: SecurityEventsService;
  twoFactor: Pick<TwoFactorService, 'activeEnrollment' | 'whileOn'>;
  proof: FreshProof;
}

/**
 * API tokens: a credential for an integrator's script that honours 2FA. Only an account with 2FA
 * on makes one, with a fresh proof; a token only reads (its scopes say what); and it ends when 2FA
 * goes or the password changes, unlike at a switch of method, which keeps the account protected.
 */
export class ApiTokenService implements ApiTokenAuthenticator<UserEntity> {
  constructor(private readonly deps: ApiTokenDependencies) {}

  private get tokens() {
    return this.deps.dataSource.getRepository(ApiTokenEntity);
  }

  /**
   * Makes a token. Everything that refuses for free comes first (2FA on, the input, the number of
   * tokens); the proof is checked, and spent, last. The token is stored in a transaction that holds
   * 2FA on, so a disable or reset racing it either waits and then ends it too, or wins and refuses it.
   */
  async create(actor: Actor, input: NewApiToken): Promise<{ token: string; apiToken: ApiToken }> {
    const { clock, events, twoFactor } = this.deps;
    if (!(await twoFactor.activeEnrollment(actor.user.id))) throw fail('API_TOKENS_NEED_2FA');
    const [name, scopes, days] = await checkInputs(
      () => tokenName(input.name),
      () => scopesFor(actor.user.role, input.scopes),
      () => lifetimeDays(input.expiresInDays),
      () => {
        if (!input.proof.trim()) throw fail('PROOF_REQUIRED');
      },
    );
    if ((await this.liveCount(actor.user.id)) >= API_TOKEN_LIMITS.maxPerUser) throw tooMany();
    await this.deps.proof.check(actor, input.proof);

    const token = TOKEN_PREFIX + newOpaqueToken();
    const now = clock.now();
    const row = Object.assign(new ApiTokenEntity(), {
      id: randomUUID(),
      userId: actor.user.id,
      tokenHash: hashToken(token),
      name,
      scopes: scopes.join(','),
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
      lastUsedAt: null,
      revokedAt: null,
    });
    await twoFactor.whileOn(
      actor.user.id,
      () => fail('API_TOKENS_NEED_2FA'),
      async (manager) => {
        // Counted again with 2FA held: parallel creations of one account take turns here.
        if ((await this.liveCount(actor.user.id, manager)) >= API_TOKEN_LIMITS.maxPerUser) throw tooMany();
        await manager.insert(ApiTokenEntity, row);
      },
    );
    await events.record({
      userId: actor.user.id,
      type: SecurityEventType.API_TOKEN_CREATED,
      ip: actor.ip,
      detail: `"${name}" (${scopes.join(', ')})`,
    });
    return { token, apiToken: apiTokenOf(row) };
  }

  /** The account's live tokens, newest first. */
  async list(userId: string): Promise<ApiToken[]> {
    const rows = await this.live(this.deps.dataSource.manager, userId)
      .orderBy('token.created_at', 'DESC')
      .addOrderBy('token.id', 'DESC')
      .getMany();
    return rows.map(apiTokenOf);
  }

  /**
   * Revokes one live token of the caller's. The write names the state it expects (the caller's,
   * not revoked, not expired), so of two revocations at once exactly one wins; the other, like an
   * unknown id or another user's token, is NO_SUCH_API_TOKEN.
   */
  async revoke(actor: Actor, id: string): Promise<void> {
    const row = UUID.test(id) ? await this.tokens.findOneBy({ id, userId: actor.user.id }) : null;
    const now = this.deps.clock.now();
    const ended = row
      ? await this.tokens
          .createQueryBuilder()
          .update()
          .set({ revokedAt: now })
          .where('id = :id AND user_id = :userId AND revoked_at IS NULL AND expires_at > :now', {
            id: row.id,
            userId: actor.user.id,
            now: now.getTime(),
          })
          .execute()
      : null;
    if (!row || ended?.affected !== 1) throw fail('NO_SUCH_API_TOKEN');
    await this.deps.events.record({
      userId: actor.user.id,
      type: SecurityEventType.API_TOKEN_REVOKED,
      ip: actor.ip,
      detail: `"${row.name}"`,
    });
  }

  /**
   * Ends every live token of the account, inside the transaction of the change that ends them (2FA
   * turned off or reset, a password changed or reset), with the entry of the security log that
   * says so; answers how many ended. Any path that changes those (account recovery) calls this.
   */
  async endAll(userId: string, why: TokensEnd, manager: EntityManager): Promise<number> {
    const now = this.deps.clock.now();
    const ended = await manager
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ revokedAt: now })
      .where('user_id = :userId AND revoked_at IS NULL AND expires_at > :now', { userId, now: now.getTime() })
      .execute();
    const count = ended.affected ?? 0;
    if (count > 0) {
      await this.deps.events.recordWithin(manager, {
        userId,
        type: SecurityEventType.API_TOKENS_ENDED,
        count,
        detail: TOKENS_END_WORDS[why],
      });
    }
    return count;
  }

  /**
   * A bearer token that begins with the prefix, unless it has a session token's shape: one session
   * token in 262,144 begins with `lk_` by chance, and would otherwise be refused as a dead API token.
   */
  isApiToken(token: string): boolean {
    return token.startsWith(TOKEN_PREFIX) && !OPAQUE_TOKEN_PATTERN.test(token);
  }

  /** The caller an API token stands for, or a dead one (unknown, revoked, expired, its owner gone). */
  async authenticate(token: string): Promise<ApiTokenLookup<UserEntity>> {
    if (!API_TOKEN_PATTERN.test(token)) return { kind: 'dead-api-token' };
    const row = await this.tokens.findOne({ where: { tokenHash: hashToken(token) }, relations: { user: true } });
    const now = this.deps.clock.now().getTime();
    if (!row?.user || row.revokedAt !== null || row.expiresAt.getTime() <= now) return { kind: 'dead-api-token' };
    const reached = fieldsReached(row.scopeList);
    return {
      kind: 'api-token',
      user: row.user,
      apiToken: { id: row.id, reaches: (coordinate) => reached.has(coordinate), used: () => this.noteUse(row) },
    };
  }

  /**
   * lastUsedAt, written at most once a minute per token: a conditional write that only the first
   * of parallel requests makes, and none while the stored time is recent.
   */
  private async noteUse(row: ApiTokenEntity): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (row.lastUsedAt && now - row.lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
    await this.tokens
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: new Date(now) })
      .where('id = :id AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at <= :recent)', {
        id: row.id,
        recent: now - TOUCH_INTERVAL_MS,
      })
      .execute();
  }

  private live(manager: EntityManager, userId: string) {
    return manager
      .createQueryBuilder(ApiTokenEntity, 'token')
      .where('token.user_id = :userId AND token.revoked_at IS NULL AND token.expires_at > :now', {
        userId,
        now: this.deps.clock.now().getTime(),
      });
  }

  private liveCount(userId: string, manager: EntityManager = this.deps.dataSource.manager): Promise<number> {
    return this.live(manager, userId).getCount();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Control, format and bidi characters: they would make one name look like another in a list. */
const INVISIBLE = /\p{C}/u;

const tooMany = () => fail('API_TOKEN_LIMIT', { limit: API_TOKEN_LIMITS.maxPerUser });

function tokenName(raw: string): string {
  const name = raw.trim();
  const length = [...name].length;
  if (length === 0 || length > API_TOKEN_LIMITS.nameMaxLength || INVISIBLE.test(name)) {
    throw fail('TOKEN_NAME_LENGTH', { maxLength: API_TOKEN_LIMITS.nameMaxLength });
  }
  return name;
}

/** The scopes, each once, in the enum's order; staff scopes only for staff. */
function scopesFor(role: Role, asked: readonly ApiTokenScope[]): ApiTokenScope[] {
  const scopes = Object.values(ApiTokenScope).filter((scope) => asked.includes(scope));
  if (scopes.length === 0) throw fail('SCOPES_REQUIRED');
  if (isRoleBelow(role, Role.SUPPORT) && scopes.some((scope) => STAFF_SCOPES.includes(scope))) throw fail('SCOPE_NOT_ALLOWED');
  return scopes;
}

function lifetimeDays(asked: number | null | undefined): number {
  const days = asked ?? API_TOKEN_LIMITS.defaultDays;
  if (!Number.isInteger(days) || days < API_TOKEN_LIMITS.minDays || days > API_TOKEN_LIMITS.maxDays) {
    throw fail('TOKEN_EXPIRY', { minDays: API_TOKEN_LIMITS.minDays, maxDays: API_TOKEN_LIMITS.maxDays });
  }
  return days;
}

function apiTokenOf(row: ApiTokenEntity): ApiToken {
  return Object.assign(new ApiToken(), {
    id: row.id,
    name: row.name,
    scopes: row.scopeList,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
  });
}
