import type { DataSource } from 'typeorm';
import { maskEmail } from '../../../delivery/mask';
import { isUniqueViolation } from '../../../db/unique-violation';
import type { Clock } from '../../../shared/clock';
import type { Logger } from '../../../shared/logger';
import type { SecurityEventsService } from '../../audit/security-events.service';
import { SecurityEventType } from '../../audit/security-event-type';
import { normalizeEmail } from '../../auth/email-address';
import { UserEntity } from '../../auth/entities/user.entity';
import type { Actor } from '../../two-factor/two-factor.service';
import { fail } from '../../../errors/app-error';
import type { FreshProof } from '../fresh-proof';
import { AccountLinkPurpose, type AccountLinkEntity } from '../links/account-link.entity';
import type { AccountLinkService } from '../links/account-links.service';
import type { LinkMailer } from '../links/link-mailer';

export interface AccountEmailDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  links: AccountLinkService;
  mailer: LinkMailer;
  events: SecurityEventsService;
  proof: FreshProof;
}

/**
 * The account's own e-mail address: proved by a link sent to it, and changed only by proving the
 * new one the same way. Until the new address is proved, the old one stays in use; once it takes
 * over, the old one (if it was verified) is told.
 */
export class AccountEmailService {
  constructor(private readonly deps: AccountEmailDependencies) {}

  private get users() {
    return this.deps.dataSource.getRepository(UserEntity);
  }

  /**
   * The verification link a new account gets. Registration goes on without it when a limit or the
   * provider refuses: the owner can ask again from the Account page.
   */
  async welcome(user: UserEntity, ip: string): Promise<void> {
    try {
      await this.deps.mailer.send(
        { purpose: AccountLinkPurpose.EMAIL_VERIFICATION, userId: user.id, to: user.email, ip },
        { countIp: false },
      );
    } catch (error) {
      this.deps.logger.warn({ err: error, userId: user.id }, 'the verification e-mail of a new account was not sent');
    }
  }

  /** Sends a new verification link to the account's address (within the send limits). */
  async requestVerification(actor: Actor): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: actor.user.id });
    if (user.emailVerified) throw fail('EMAIL_ALREADY_VERIFIED');
    await this.deps.mailer.send({ purpose: AccountLinkPurpose.EMAIL_VERIFICATION, userId: user.id, to: user.email, ip: actor.ip });
  }

  /**
   * Starts a change of address: a link goes to the new one, which takes over when it is opened.
   * Everything that can refuse for free is asked before the proof is spent: the address itself,
   * whether it is taken, and the send limits (whose slots are taken now and given back if the
   * e-mail does not go out).
   */
  async requestChange(actor: Actor, rawEmail: string, proof: string | null | undefined): Promise<void> {
    const newEmail = normalizeEmail(rawEmail, 'newEmail');
    if (newEmail === actor.user.email) throw fail('EMAIL_UNCHANGED');
    if (await this.users.existsBy({ email: newEmail })) throw fail('EMAIL_TAKEN', { field: 'newEmail' });
    const proofNeeded = await this.deps.proof.requireIfTwoFactorOn(actor.user.id, proof);
    const delivery = { purpose: AccountLinkPurpose.EMAIL_CHANGE, userId: actor.user.id, to: newEmail, ip: actor.ip };
    const slots = await this.deps.mailer.reserve(this.deps.mailer.sendCaps(delivery));
    try {
      if (proofNeeded) await this.deps.proof.check(actor, proof!);
    } catch (error) {
      await slots.release().catch(() => undefined);
      throw error;
    }
    await this.deps.mailer.deliver(delivery, slots);
    await this.deps.events.record({
      userId: actor.user.id,
      type: SecurityEventType.EMAIL_CHANGE_REQUESTED,
      ip: actor.ip,
      detail: maskEmail(newEmail),
    });
  }

  /** The address a change waits for (its link not yet opened, still valid), if any. */
  async pendingChange(userId: string): Promise<string | null> {
    return (await this.deps.links.pending(userId, AccountLinkPurpose.EMAIL_CHANGE))?.email ?? null;
  }

  /** Opens a verification or change link. Needs no session: the link may be opened on another device. */
  async verify(token: string, ip: string | null): Promise<void> {
    const link = await this.deps.links.open(token, [AccountLinkPurpose.EMAIL_VERIFICATION, AccountLinkPurpose.EMAIL_CHANGE]);
    if (link.purpose === AccountLinkPurpose.EMAIL_CHANGE) return this.completeChange(link, ip);
    await this.deps.dataSource.transaction(async (manager) => {
      await this.deps.links.spend(link, manager);
      const now = this.deps.clock.now();
      // The address the link went to must still be the account's: a change since would have spent it, but the write says so too.
      const verified = await manager.update(UserEntity, { id: link.userId, email: link.email }, { emailVerifiedAt: now });
      if (verified.affected !== 1) throw fail('LINK_ALREADY_USED');
    });
    await this.deps.events.record({ userId: link.userId, type: SecurityEventType.EMAIL_VERIFIED, ip });
  }

  /**
   * The new address takes over, verified, in one transaction with the link's spending; every other
   * open link of the account ends (they went to, or were asked for, the old address). Someone who
   * registered the address meanwhile wins: the change is refused and the link stays usable for nothing.
   */
  private async completeChange(link: AccountLinkEntity, ip: string | null): Promise<void> {
    let previous: UserEntity;
    try {
      previous = await this.deps.dataSource.transaction(async (manager) => {
        await this.deps.links.spend(link, manager);
        const user = await manager.findOneByOrFail(UserEntity, { id: link.userId });
        await manager.update(UserEntity, { id: link.userId }, { email: link.email, emailVerifiedAt: this.deps.clock.now() });
        await this.deps.links.spendAll(link.userId, null, manager);
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw fail('EMAIL_TAKEN', { field: 'token' });
      throw error;
    }
    await this.deps.events.record({
      userId: link.userId,
      type: SecurityEventType.EMAIL_CHANGED,
      ip,
      detail: `${maskEmail(previous.email)} → ${maskEmail(link.email)}`,
      notice: { to: previous.emailVerified ? previous.email : null, newAddress: maskEmail(link.email) },
    });
  }
}
