import type { DataSource } from 'typeorm';
import type { ApiTokenService } from '../../api-tokens/api-token.service';
import type { SecurityEventsService } from '../../audit/security-events.service';
import { SecurityEventType } from '../../audit/security-event-type';
import { UserEntity } from '../../auth/entities/user.entity';
import type { LoginThrottle } from '../../auth/login-throttle';
import { assertPasswordAcceptable, type PasswordHasher } from '../../auth/password';
import type { SessionService } from '../../auth/session.service';
import type { Actor } from '../../two-factor/two-factor.service';
import { fail } from '../../../errors/app-error';
import type { FreshProof } from '../fresh-proof';
import { AccountLinkPurpose } from '../links/account-link.entity';
import type { AccountLinkService } from '../links/account-links.service';

export interface PasswordChangeDependencies {
  dataSource: DataSource;
  passwords: PasswordHasher;
  links: AccountLinkService;
  events: SecurityEventsService;
  sessions: SessionService;
  /** A wrong current password counts like a wrong password at sign-in, for the account and the IP. */
  throttle: LoginThrottle;
  proof: FreshProof;
  apiTokens: Pick<ApiTokenService, 'endAll'>;
}

/**
 * A signed-in user changes the password: the current one (a stolen session alone is not enough),
 * and with 2FA on a fresh proof too. The user's other sessions and API tokens end and open reset links die.
 */
export class PasswordChangeService {
  constructor(private readonly deps: PasswordChangeDependencies) {}

  /**
   * Everything that refuses for free comes first (the new password's length, a missing proof);
   * then the current password, counted like a sign-in; the proof is checked, and spent, last.
   */
  async change(actor: Actor, currentPassword: string, newPassword: string, proof: string | null | undefined): Promise<void> {
    const { dataSource, links, events, sessions, throttle } = this.deps;
    assertPasswordAcceptable(newPassword, 'newPassword');
    const proofNeeded = await this.deps.proof.requireIfTwoFactorOn(actor.user.id, proof);
    const attempt = await throttle.admit(actor.user.email, actor.ip);
    let user: UserEntity;
    let matches: boolean;
    try {
      user = await dataSource.getRepository(UserEntity).findOneByOrFail({ id: actor.user.id });
      matches = await this.deps.passwords.verify(user.passwordHash, currentPassword);
    } catch (error) {
      await attempt.abandoned().catch(() => undefined);
      throw error;
    }
    if (!matches) {
      attempt.failed();
      throw fail('PASSWORD_INCORRECT');
    }
    await attempt.succeeded();
    if (proofNeeded) await this.deps.proof.check(actor, proof!);
    const passwordHash = await this.deps.passwords.hash(newPassword);
    await dataSource.transaction(async (manager) => {
      // Names the password it replaces: of two changes racing from one current password, one wins.
      const changed = await manager.update(UserEntity, { id: user.id, passwordHash: user.passwordHash }, { passwordHash });
      if (changed.affected !== 1) throw fail('PASSWORD_CHANGED_MEANWHILE');
      await sessions.revokeOthers(user.id, actor.session.id, manager);
      await this.deps.apiTokens.endAll(user.id, 'PASSWORD_CHANGED', manager);
      await links.spendAll(user.id, [AccountLinkPurpose.PASSWORD_RESET], manager);
    });
    await events.record({ userId: user.id, type: SecurityEventType.PASSWORD_CHANGED, ip: actor.ip });
  }
}
