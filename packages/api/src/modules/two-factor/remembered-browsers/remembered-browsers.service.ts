import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../../shared/clock';
import { newOpaqueToken } from '../../../shared/opaque-token';
import { fail } from '../../../errors/app-error';
import type { SecurityEventsService } from '../../audit/security-events.service';
import { SecurityEventType } from '../../audit/security-event-type';
import type { RememberedBrowserCookie } from '../../auth/account.service';
import type { ClientInfo } from '../../../shared/client-info';
import { browserLabel } from './browser-label';
import { RememberedBrowserEntity } from './remembered-browser.entity';
import { RememberedBrowser } from './remembered-browser.type';

const DAY_MS = 24 * 60 * 60_000;
/** The browser keeps `<id>.<token>`. */
const COOKIE_PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;
/**
 * The previous token seen again this soon after it was replaced is a second sign-in that raced the
 * first from the same browser (two tabs, a double submit), not a copy: it gets a code, no alarm.
 */
const SAME_BROWSER_RACE_MS = 10_000;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const sameHash = (presented: Buffer, storedHex: string | null) =>
  storedHex !== null && timingSafeEqual(presented, Buffer.from(storedHex, 'hex'));

export interface RememberedBrowserDependencies {
  dataSource: DataSource;
  clock: Clock;
  events: SecurityEventsService;
  /** How long a browser is remembered (REMEMBER_BROWSER_DAYS); 0: never. */
  /** The policy's remember-browser days, read at each use. */
  days: () => Promise<number>;
}

/**
 * "Remember this browser" at the sign-in challenge. A remembered browser skips the 2FA code at a
 * password sign-in of the same user until a fixed end, unless the user forgets it, 2FA changes,
 * or a stale copy of its cookie turns up. Each use hands the browser a new token (rotation), so a
 * copied cookie works at most until the real browser signs in again, and then betrays itself.
 * `days` = 0 means the operator forbids remembering: no browser skips the code.
 */
export class RememberedBrowserService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly events: SecurityEventsService;
  private readonly days: () => Promise<number>;

  constructor(deps: RememberedBrowserDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.events = deps.events;
    this.days = deps.days;
  }

  /** How long a browser is remembered; null when the server forbids it. */
  async rememberDays(): Promise<number | null> {
    const days = await this.days();
    return days > 0 ? days : null;
  }

  private get rows() {
    return this.dataSource.getRepository(RememberedBrowserEntity);
  }

  /** Refuses a request to remember before anything else is done or spent. */
  async assertAllowed(): Promise<number> {
    const days = await this.rememberDays();
    if (!days) throw fail('REMEMBER_NOT_OFFERED');
    return days;
  }

  /** Remembers the browser of a sign-in that just passed its challenge. */
  async remember(userId: string, client: ClientInfo): Promise<RememberedBrowserCookie> {
    const days = await this.assertAllowed();
    const token = newOpaqueToken();
    const now = this.clock.now();
    const row = this.rows.create({
      id: randomUUID(),
      userId,
      tokenHash: hashOf(token).toString('hex'),
      previousTokenHash: null,
      label: browserLabel(client.userAgent),
      ip: client.ip,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
      revokedAt: null,
    });
    await this.rows.insert(row);
    await this.events.record({ userId, type: SecurityEventType.BROWSER_REMEMBERED, ip: client.ip, detail: row.label });
    return { value: `${row.id}.${token}`, expiresAt: row.expiresAt };
  }

  /**
   * After a right password: a new cookie when the request's cookie remembers this browser for this
   * user (the code is skipped), else null (the code is needed).
   */
  async admit(userId: string, cookie: string | undefined, client: ClientInfo): Promise<RememberedBrowserCookie | null> {
    const parsed = cookie && (await this.rememberDays()) ? COOKIE_PATTERN.exec(cookie) : null;
    if (!parsed) return null;
    const [, id, token] = parsed as unknown as [string, string, string];
    const now = this.clock.now();
    const row = await this.rows.findOneBy({ id, userId, revokedAt: IsNull(), expiresAt: MoreThan(now) });
    if (!row) return null;

    const presented = hashOf(token);
    if (!sameHash(presented, row.tokenHash)) {
      const justRotated = now.getTime() - row.lastUsedAt.getTime() < SAME_BROWSER_RACE_MS;
      if (sameHash(presented, row.previousTokenHash) && !justRotated) await this.revokeCopied(row, client);
      return null;
    }
    const next = newOpaqueToken();
    // Conditional on the token presented: of two sign-ins racing with one cookie, one rotates it.
    const rotated = await this.rows.update(
      { id, tokenHash: row.tokenHash, revokedAt: IsNull() },
      { tokenHash: hashOf(next).toString('hex'), previousTokenHash: row.tokenHash, lastUsedAt: now, ip: client.ip },
    );
    if (rotated.affected !== 1) return null;
    await this.events.record({ userId, type: SecurityEventType.REMEMBERED_BROWSER_SIGN_IN, ip: client.ip, detail: row.label });
    return { value: `${id}.${next}`, expiresAt: row.expiresAt };
  }

  /** The user's browsers that still skip the code, most recently used first. */
  async list(userId: string, currentCookie: string | undefined): Promise<RememberedBrowser[]> {
    const currentId = currentCookie ? COOKIE_PATTERN.exec(currentCookie)?.[1] : undefined;
    const rows = await this.rows.find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { lastUsedAt: 'DESC' },
    });
    return rows.map(({ id, label, ip, createdAt, lastUsedAt, expiresAt }) =>
      Object.assign(new RememberedBrowser(), { id, label, ip, createdAt, lastUsedAt, expiresAt, current: id === currentId }),
    );
  }

  /** Forgets one of the user's browsers; another user's id is as unknown as a made-up one. */
  async forget(userId: string, id: string, ip: string | null): Promise<void> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.rows.findOneBy({ id, userId, revokedAt: IsNull() }) : null;
    const forgotten = row ? await this.rows.update({ id, userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() }) : null;
    if (!row || forgotten?.affected !== 1) throw fail('NO_SUCH_BROWSER');
    await this.events.record({ userId, type: SecurityEventType.BROWSER_FORGOTTEN, ip, detail: row.label });
  }

  /** The user forgets all their browsers at once; answers how many there were. */
  async forgetEvery(userId: string, ip: string | null): Promise<number> {
    const forgotten = await this.forgetAll(userId);
    const detail = forgotten === 1 ? '1 browser' : `all ${forgotten} browsers`;
    if (forgotten > 0) await this.events.record({ userId, type: SecurityEventType.BROWSER_FORGOTTEN, ip, detail });
    return forgotten;
  }

  /**
   * Forgets every browser of the user; returns how many still skipped the code. 2FA changes call
   * it inside their transaction: a browser trusted under the old method is not trusted under the new.
   */
  async forgetAll(userId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const now = this.clock.now();
    const result = await manager
      .createQueryBuilder()
      .update(RememberedBrowserEntity)
      .set({ revokedAt: now })
      .where('user_id = :userId AND revoked_at IS NULL AND expires_at > :now', { userId, now: now.getTime() })
      .execute();
    return result.affected ?? 0;
  }

  /** A token already replaced came back: someone holds a copy of the cookie. Nobody gets in with it any more. */
  private async revokeCopied(row: RememberedBrowserEntity, client: ClientInfo): Promise<void> {
    const revoked = await this.rows.update({ id: row.id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (revoked.affected !== 1) return;
    await this.events.record({ userId: row.userId, type: SecurityEventType.REMEMBERED_BROWSER_COPIED, ip: client.ip, detail: row.label });
  }
}
