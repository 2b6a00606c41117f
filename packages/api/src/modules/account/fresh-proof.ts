import { fail } from '../../errors/app-error';
import type { Actor, TwoFactorService } from '../two-factor/two-factor.service';

/**
 * "Prove it is still you" for account changes: with 2FA on, a current code of the active method
 * or a recovery code, checked (and spent) under the same limits as every other code check. Without
 * 2FA there is nothing to prove beyond the session.
 */
export class FreshProof {
  constructor(private readonly twoFactor: Pick<TwoFactorService, 'activeEnrollment' | 'proveIfOn'>) {}

  /** Refuses before anything is spent when 2FA is on and no proof came; answers whether one is needed. */
  async requireIfTwoFactorOn(userId: string, proof: string | null | undefined): Promise<boolean> {
    const needed = (await this.twoFactor.activeEnrollment(userId)) !== null;
    if (needed && !proof?.trim()) throw fail('PROOF_REQUIRED');
    return needed;
  }

  /** Checks and spends the proof; call last, once everything that can refuse for free has passed. */
  async check(actor: Actor, proof: string): Promise<void> {
    await this.twoFactor.proveIfOn(actor, proof.trim());
  }
}
