import type { DataSource } from 'typeorm';
import type { Logger } from '../../../shared/logger';
import type { ApiTokenService } from '../../api-tokens/api-token.service';
import type { SecurityEventsService } from '../../audit/security-events.service';
import { SecurityEventType } from '../../audit/security-event-type';
import type { AccountService, LoginOutcome } from '../../auth/account.service';
import { normalizeEmail } from '../../auth/email-address';
import { UserEntity } from '../../auth/entities/user.entity';
import type { LoginThrottle } from '../../auth/login-throttle';
import { assertPasswordAcceptable, type PasswordHasher } from '../../auth/password';
import type { ClientInfo } from '../../../shared/client-info';
import type { SessionService } from '../../auth/session.service';
import type { RememberedBrowserService } from '../../two-factor/remembered-browsers/remembered-browsers.service';
import type { HeldSlots } from '../../../limits/held-slots';
import type { BackgroundWork } from '../background-work';
import { AppError } from '../../../errors/app-error';
import { AccountLinkPurpose, type AccountLinkEntity } from '../links/account-link.entity';
import type { AccountLinkService } from '../links/account-links.service';
import type { LinkMailer } from '../links/link-mailer';

export interface PasswordResetDependencies {
  dataSource: DataSource;
  passwords: PasswordHasher;
  logger: Logger;
  links: AccountLinkService;
  mailer: LinkMailer;
  events: SecurityEventsService;
  sessions: SessionService;
  rememberedBrowsers: Pick<RememberedBrowserService, 'forgetAll'>;
  throttle: LoginThrottle;
  /** The gate of every sign-in: with 2FA on, a challenge and never a session. */
  accounts: Pick<AccountService, 'passwordAccepted'>;
  background: BackgroundWork;
  apiTokens: Pick<ApiTokenService, 'endAll'>;
}

/**
 * "Forgot password?": a single-use link, valid 30 minutes, to the account's verified address; the
 * new password ends every session, remembered browser and API token, and then signs in through the same gate
 * as a password: with 2FA on, that is a challenge. Nothing here ever tells whether an address has
 * an account.
 */
export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDependencies) {}

  /**
   * Asks for a reset link. Whatever the address, the answer is the same and comes after the same
   * work: the limits (per mailbox and per IP) are counted for every request, and looking the
   * account up and sending happen once `answered` (the answer was sent), in the background.
   */
  async request(rawEmail: string, ip: string, answered?: Promise<void>): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const { mailer, background } = this.deps;
    const slots = await mailer.reserve(mailer.requestCaps(AccountLinkPurpose.PASSWORD_RESET, email, ip));
    // Counted as asked for, sent or not: a refusal must not depend on the account existing.
    slots.keep();
    background.run('password reset link', () => this.sendIfAccount(email, ip), answered);
  }

  private async sendIfAccount(email: string, ip: string): Promise<void> {
    const { dataSource, mailer, logger, events } = this.deps;
    const user = await dataSource.getRepository(UserEntity).findOneBy({ email });
    // A link only to an address its owner proved: else a typo at registration would hand the account to the typo's owner.
    if (!user?.emailVerified) return;
    let channel: HeldSlots;
    try {
      channel = await mailer.reserve(mailer.channelCaps());
    } catch (error) {
      logger.warn({ err: error, userId: user.id }, 'password reset link not sent: the hourly e-mail budget is spent');
      return;
    }
    try {
      await mailer.deliver({ purpose: AccountLinkPurpose.PASSWORD_RESET, userId: user.id, to: user.email, ip }, channel);
    } catch (error) {
      logger.warn({ err: error, userId: user.id }, 'password reset link not sent');
      return;
    }
    await events.record({ userId: user.id, type: SecurityEventType.PASSWORD_RESET_REQUESTED, ip });
  }

  /**
   * Sets the new password with a reset link. A dead link counts as a failed sign-in of the IP (the
   * same budget as wrong passwords). The link is spent in one transaction with the new password and
   * the end of every session and remembered browser, so of racing uses exactly one gets through.
   */
  async reset(token: string, newPassword: string, client: ClientInfo): Promise<LoginOutcome> {
    const { dataSource, links, throttle, sessions, rememberedBrowsers, events } = this.deps;
    assertPasswordAcceptable(newPassword, 'newPassword');
    const ip = client.ip ?? 'unknown';
    const attempt = await throttle.admitIp(ip);
    let link: AccountLinkEntity;
    try {
      link = await links.open(token, [AccountLinkPurpose.PASSWORD_RESET]);
    } catch (error) {
      // A dead link is a failure of the IP, like a wrong password; anything else (the database) is not.
      if (error instanceof AppError) attempt.failed();
      else await attempt.succeeded().catch(() => undefined);
      throw error;
    }
    await attempt.succeeded();
    const passwordHash = await this.deps.passwords.hash(newPassword);
    const user = await dataSource.transaction(async (manager) => {
      await links.spend(link, manager);
      await manager.update(UserEntity, { id: link.userId }, { passwordHash });
      await sessions.revokeOthers(link.userId, null, manager);
      await rememberedBrowsers.forgetAll(link.userId, manager);
      await this.deps.apiTokens.endAll(link.userId, 'PASSWORD_RESET', manager);
      await links.spendAll(link.userId, [AccountLinkPurpose.PASSWORD_RESET], manager);
      return manager.findOneByOrFail(UserEntity, { id: link.userId });
    });
    // Wrong passwords tried before belonged to the old password.
    await throttle.forgetFailures(user.email);
    await events.record({ userId: user.id, type: SecurityEventType.PASSWORD_RESET, ip: client.ip });
    return this.deps.accounts.passwordAccepted(user, client, undefined);
  }
}
