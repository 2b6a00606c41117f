import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ONE_CHECK_PER_REQUEST } from '../../../graphql/code-check-limit.step';
import type { RequestContext } from '../../auth/request-context';
import { LoginResult } from '../../auth/dto/login-result.union';
import type { SessionHandOff } from '../../auth/session-hand-off';
import { actorOf } from '../../two-factor/two-factor.resolver';
import type { PasswordChangeService } from './password-change.service';
import type { PasswordResetService } from './password-reset.service';

@Resolver()
export class PasswordResolver {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly changes: PasswordChangeService,
    private readonly handOff: SessionHandOff,
  ) {}

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Changes your password. Ends your other sessions, and e-mails you. With 2FA on, `proof` is required (BAD_USER_INPUT, ' +
      'field proof, reason PROOF_REQUIRED). A wrong current password: BAD_USER_INPUT, field currentPassword, reason ' +
      'PASSWORD_INCORRECT, counted like a wrong password at sign-in (SIGN_IN_LOCKED, IP_LIMIT); it is checked before the proof, ' +
      'which then stays unspent.',
  })
  async changePassword(
    @Arg('currentPassword', () => String, { description: 'The password now.' }) currentPassword: string,
    @Arg('newPassword', () => String, { description: '8 to 256 characters.' }) newPassword: string,
    @Arg('proof', () => String, {
      nullable: true,
      description: `With 2FA on: a current code of your method, or a recovery code. ${ONE_CHECK_PER_REQUEST}`,
    })
    proof: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.changes.change(actorOf(context), currentPassword, newPassword, proof);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Forgot password: e-mails a single-use link, valid 30 minutes, to the account with this address, if there is one and its ' +
      'address is verified. Always true, after the same work either way: the answer never tells whether an account exists. ' +
      'At most one a minute and 5 an hour per address, within the IP address’s hourly budget (TOO_MANY_ATTEMPTS with the limit ' +
      'as reason and retryAfterSeconds), counted alike for every address.',
  })
  async requestPasswordReset(
    @Arg('email', () => String, { description: 'The sign-in e-mail address (any case).' }) email: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.resets.request(email, context.client.ip ?? 'unknown', context.answered());
    return true;
  }

  @Mutation(() => LoginResult, {
    description:
      'Sets a new password with the token of a reset link, ends every session and remembered browser of the account, e-mails ' +
      'its owner, and signs in as login does: with 2FA on the answer is a TwoFactorChallenge, never a session. ' +
      'An unknown token: INVALID_CODE, reason LINK_INVALID; used or replaced: LINK_ALREADY_USED; after 30 minutes: CODE_EXPIRED, ' +
      'reason LINK_EXPIRED. Dead tokens count as failed sign-ins of the IP address (IP_LIMIT).',
  })
  async resetPassword(
    @Arg('token', () => String, { description: 'The token of the reset link (after `#token=`).' }) token: string,
    @Arg('newPassword', () => String, { description: '8 to 256 characters.' }) newPassword: string,
    @Ctx() context: RequestContext,
  ): Promise<typeof LoginResult> {
    const outcome = await this.resets.reset(token, newPassword, context.client);
    if (outcome.kind === 'challenge') return outcome.challenge;
    return this.handOff.start(outcome, context);
  }
}
