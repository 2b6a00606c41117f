import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ONE_CHECK_PER_REQUEST } from '../../../graphql/code-check-limit.step';
import type { RequestContext } from '../../auth/request-context';
import { UserEntity } from '../../auth/entities/user.entity';
import { actorOf } from '../../two-factor/two-factor.resolver';
import type { AccountEmailService } from './account-email.service';

const LINK_ERRORS =
  'An unknown token: INVALID_CODE, reason LINK_INVALID; a used or replaced one: INVALID_CODE, reason LINK_ALREADY_USED; ' +
  'an expired one: CODE_EXPIRED, reason LINK_EXPIRED.';
const SEND_LIMITS =
  'At most one such e-mail a minute and 5 an hour per address and per account, within the hourly budgets of the IP address and ' +
  'the server (TOO_MANY_ATTEMPTS with the limit as reason and retryAfterSeconds); DELIVERY_FAILED when the provider refuses.';

@Resolver(() => UserEntity)
export class AccountEmailResolver {
  constructor(private readonly emails: AccountEmailService) {}

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'A new e-mail address asked for with changeEmail and waiting for its link to be opened (then it replaces `email`); ' +
      'null when none is waiting. Only the signed-in user (or their API token) sees their own.',
  })
  async pendingEmail(@Root() user: UserEntity, @Ctx() context: RequestContext): Promise<string | null> {
    const { caller } = context;
    if ((caller.kind !== 'session' && caller.kind !== 'api-token') || caller.user.id !== user.id) return null;
    return this.emails.pendingChange(user.id);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Sends a new verification link to your e-mail address (it works once, for 24 hours; earlier links stop working). ' +
      `BAD_USER_INPUT, reason EMAIL_ALREADY_VERIFIED, when there is nothing to verify. ${SEND_LIMITS}`,
  })
  async requestEmailVerification(@Ctx() context: RequestContext): Promise<boolean> {
    await this.emails.requestVerification(actorOf(context));
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Opens a link sent by e-mail to verify an address: the account’s own (then `emailVerified` is true), or a new one asked ' +
      `for with changeEmail (then it replaces the old address, which is told). Needs no session. ${LINK_ERRORS} ` +
      'A new address taken by another account meanwhile: BAD_USER_INPUT, reason EMAIL_TAKEN.',
  })
  async verifyEmail(
    @Arg('token', () => String, { description: 'The token of the link (after `#token=`).' }) token: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.emails.verify(token, context.client.ip);
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Asks to change your e-mail address: a link goes to the new address, and it replaces the old one only once that link is opened ' +
      '(`pendingEmail` meanwhile). With 2FA on, `proof` is required (BAD_USER_INPUT, field proof, reason PROOF_REQUIRED) and checked ' +
      `after the limits. BAD_USER_INPUT (field newEmail) for an invalid address, reason EMAIL_UNCHANGED or EMAIL_TAKEN. ${SEND_LIMITS}`,
  })
  async changeEmail(
    @Arg('newEmail', () => String, { description: 'The new address.' }) newEmail: string,
    @Arg('proof', () => String, {
      nullable: true,
      description: `With 2FA on: a current code of your method, or a recovery code. ${ONE_CHECK_PER_REQUEST}`,
    })
    proof: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.emails.requestChange(actorOf(context), newEmail, proof);
    return true;
  }
}
