import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../../shared/clock';
import { hashToken, newOpaqueToken, OPAQUE_TOKEN_PATTERN } from '../../../shared/opaque-token';
import { fail } from '../../../errors/app-error';
import { AccountLinkEntity, AccountLinkPurpose } from './account-link.entity';

const HOUR_MS = 60 * 60_000;

/**
 * How long each kind of link works: a reset link briefly (it is a way in); an address proof for a
 * day; a link that cancels an account recovery for as long as the longest wait it may have to
 * outlast (it only stops a change, and every open one is spent when the request closes).
 */
export const LINK_TTL_MS: Record<AccountLinkPurpose, number> = {
  [AccountLinkPurpose.EMAIL_VERIFICATION]: 24 * HOUR_MS,
  [AccountLinkPurpose.EMAIL_CHANGE]: 24 * HOUR_MS,
  [AccountLinkPurpose.PASSWORD_RESET]: 30 * 60_000,
  [AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL]: 30 * 24 * HOUR_MS,
};

/** Where the panel opens each kind of link. The token travels in the fragment: never sent to a server, never in a Referer. */
export const LINK_PATHS: Record<AccountLinkPurpose, string> = {
  [AccountLinkPurpose.EMAIL_VERIFICATION]: '/verify-email',
  [AccountLinkPurpose.EMAIL_CHANGE]: '/verify-email',
  [AccountLinkPurpose.PASSWORD_RESET]: '/reset-password',
  [AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL]: '/cancel-recovery',
};

export interface IssuedLink {
  /** The secret of the link: it goes into the e-mail, and nowhere else. */
  token: string;
  url: string;
  row: AccountLinkEntity;
}

/**
 * Single-use links sent by e-mail: issued with a 32-byte random token of which only the SHA-256 is
 * kept, spent by one conditional write (of racing uses, exactly one wins), and replaced by the next
 * link of the same purpose.
 */
export class AccountLinkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  private get links() {
    return this.dataSource.getRepository(AccountLinkEntity);
  }

  /** A new link for the user. Once its e-mail is out, `supersede` ends the earlier ones; if it is not, `withdraw` it. */
  async issue(userId: string, purpose: AccountLinkPurpose, email: string, ip: string | null): Promise<IssuedLink> {
    const token = newOpaqueToken();
    const now = this.clock.now();
    const row = this.links.create({
      id: randomUUID(),
      userId,
      purpose,
      email,
      tokenHash: hashToken(token),
      requestedIp: ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LINK_TTL_MS[purpose]),
      spentAt: null,
    });
    await this.links.insert(row);
    return { token, row, url: `${this.publicUrl}${LINK_PATHS[purpose]}#token=${token}` };
  }

  /** The user's earlier open links of the same purpose stop working: only the newest e-mail counts. */
  async supersede(row: AccountLinkEntity): Promise<void> {
    await this.links
      .createQueryBuilder()
      .update()
      .set({ spentAt: this.clock.now() })
      .where('user_id = :userId AND purpose = :purpose AND spent_at IS NULL AND id <> :id', {
        userId: row.userId,
        purpose: row.purpose,
        id: row.id,
      })
      .execute();
  }

  /** Takes back a link whose e-mail could not be sent: the earlier ones keep working. */
  async withdraw(row: AccountLinkEntity): Promise<void> {
    await this.links.delete({ id: row.id });
  }

  /**
   * The link a token opens, if it can still be used for one of `purposes`; otherwise the error
   * that says why not. This is a look only: `spend` decides, inside the change it allows.
   */
  async open(token: string, purposes: readonly AccountLinkPurpose[]): Promise<AccountLinkEntity> {
    const row = OPAQUE_TOKEN_PATTERN.test(token) ? await this.links.findOneBy({ tokenHash: hashToken(token) }) : null;
    // A link of another purpose is as unknown as a made-up one: a reset token verifies no address.
    if (!row || !purposes.includes(row.purpose)) throw fail('LINK_INVALID');
    this.assertUsable(row);
    return row;
  }

  /**
   * Spends the link inside the caller's transaction, naming the state it expects (unspent, not
   * expired): of requests racing with one token, exactly one gets past this; the others learn why.
   */
  async spend(row: AccountLinkEntity, manager: EntityManager): Promise<void> {
    const now = this.clock.now();
    const spent = await manager
      .createQueryBuilder()
      .update(AccountLinkEntity)
      .set({ spentAt: now })
      .where('id = :id AND spent_at IS NULL AND expires_at > :now', { id: row.id, now: now.getTime() })
      .execute();
    if (spent.affected === 1) return;
    const current = await manager.findOneBy(AccountLinkEntity, { id: row.id });
    if (!current) throw fail('LINK_INVALID');
    this.assertUsable(current);
    throw fail('LINK_ALREADY_USED');
  }

  /** Ends every open link of the user (of the given purposes, or all): after a change they would undo or that makes them moot. */
  async spendAll(
    userId: string,
    purposes: readonly AccountLinkPurpose[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(
      AccountLinkEntity,
      { userId, spentAt: IsNull(), ...(purposes ? { purpose: In([...purposes]) } : {}) },
      { spentAt: this.clock.now() },
    );
  }

  /** The newest open link of a purpose, e.g. the address a change of e-mail waits for. */
  async pending(userId: string, purpose: AccountLinkPurpose): Promise<AccountLinkEntity | null> {
    const row = await this.links.findOne({ where: { userId, purpose, spentAt: IsNull() }, order: { createdAt: 'DESC' } });
    return row && row.expiresAt.getTime() > this.clock.now().getTime() ? row : null;
  }

  private assertUsable(row: AccountLinkEntity): void {
    if (row.spentAt) throw fail('LINK_ALREADY_USED');
    if (row.expiresAt.getTime() <= this.clock.now().getTime()) throw fail('LINK_EXPIRED');
  }
}
