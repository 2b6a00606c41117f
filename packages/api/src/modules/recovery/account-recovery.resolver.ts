import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { fail } from '../../errors/app-error';
import { ONE_CHECK_PER_REQUEST } from '../../graphql/code-check-limit.step';
import type { RequestContext } from '../auth/request-context';
import { Role } from '../auth/role';
import { actorOf } from '../two-factor/two-factor.resolver';
import { AccountRecoveryStatus } from './account-recovery-status';
import type { AccountRecoveryService } from './account-recovery.service';
import { AccountRecoveryRequest } from './dto/account-recovery-request.type';

/** Said by every staff field: what they all need. */
const STAFF_RULES = 'Needs 2FA on your own account, whatever the server requires of others (FORBIDDEN, reason OWN_2FA_REQUIRED).';

@Resolver()
export class AccountRecoveryResolver {
  constructor(
    private readonly recovery: AccountRecoveryService,
    private readonly contact: string | null,
  ) {}

  @Query(() => String, {
    nullable: true,
    description:
      'Where customers reach technical support (SUPPORT_CONTACT): an e-mail address or a web address, or null when the server names none. ' +
      'Readable without a session: the sign-in pages show it.',
  })
  supportContact(): string | null {
    return this.contact;
  }

  @Mutation(() => AccountRecoveryRequest, {
    description:
      'Lost access to your 2FA method: asks support to remove it. The credential is the challengeId that login answered for a right ' +
      'password (not used, not expired; one whose codes ran out, or with 2FA checks locked, still counts). The account is e-mailed at ' +
      'once with a link to cancel, and its signed-in sessions show the request. One open request per account (BAD_USER_INPUT, ' +
      'reason RECOVERY_ALREADY_OPEN); 3 a day per account and 5 an hour per IP address (TOO_MANY_ATTEMPTS, reason ' +
      'RECOVERY_REQUEST_LIMIT). An approval takes effect only after waitHours with nobody cancelling.',
  })
  requestAccountRecovery(
    @Arg('challengeId', () => ID, { description: 'From the TwoFactorChallenge that login answered.' }) challengeId: string,
    @Arg('message', () => String, {
      description: 'For support (20–1,000 characters): what was lost, and how support can reach you to check it is you.',
    })
    message: string,
    @Ctx() context: RequestContext,
  ): Promise<AccountRecoveryRequest> {
    return this.recovery.request(challengeId, message, context.client);
  }

  @Authorized()
  @Query(() => AccountRecoveryRequest, {
    nullable: true,
    description:
      'The open account recovery request of your account (pending, or approved and waiting), or null: cancel it if it is not yours.',
  })
  openAccountRecovery(@Ctx() context: RequestContext): Promise<AccountRecoveryRequest | null> {
    return this.recovery.openFor(actorOf(context).user.id);
  }

  @Mutation(() => Boolean, {
    description:
      'Cancels an open account recovery request, with exactly one of: `token`, from the link e-mailed to the account (no session ' +
      'needed), or `id`, of a request of your own account (a signed-in session needed). Both or neither: BAD_USER_INPUT, reason ' +
      'RECOVERY_CANCEL_ONE_OF. A request already cancelled, denied or completed: RECOVERY_NOT_OPEN. True once cancelled.',
  })
  async cancelAccountRecovery(
    @Arg('token', () => String, { nullable: true, description: 'The token of the link (after `#token=`).' })
    token: string | null | undefined,
    @Arg('id', () => ID, { nullable: true, description: 'The request, from openAccountRecovery.' }) id: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    const byToken = typeof token === 'string';
    if (byToken === (typeof id === 'string')) throw fail('RECOVERY_CANCEL_ONE_OF');
    if (byToken) await this.recovery.cancelByLink(token, context.client.ip);
    else await this.recovery.cancelById(actorOf(context), id!);
    return true;
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Query(() => [AccountRecoveryRequest], {
    description:
      'Support: recovery requests on accounts of a lower role than yours, newest first (at most 100), with the account and its recent ' +
      `sign-ins; all statuses, or the one given. The read is recorded in your own security log. ${STAFF_RULES}`,
  })
  accountRecoveryRequests(
    @Arg('status', () => AccountRecoveryStatus, { nullable: true, description: 'Only requests with this status.' })
    status: AccountRecoveryStatus | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<AccountRecoveryRequest[]> {
    return this.recovery.queue(actorOf(context), status ?? null);
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Mutation(() => AccountRecoveryRequest, {
    description:
      'Support: approves or denies a pending recovery request. An approval removes the 2FA only after waitHours, and only if the ' +
      `account does not cancel meanwhile; it counts as a reset (at most 10 an hour: TOO_MANY_ATTEMPTS, reason RESET_LIMIT). ${STAFF_RULES} ` +
      'Needs a fresh code of it too; only accounts of a lower role than yours (FORBIDDEN, reason ROLE_NOT_BELOW), never your own ' +
      '(NOT_YOURSELF); a request no longer pending: BAD_USER_INPUT, reason RECOVERY_ALREADY_DECIDED. All refused before your code is checked.',
  })
  decideAccountRecovery(
    @Arg('id', () => ID, { description: 'The request.' }) id: string,
    @Arg('approve', () => Boolean, { description: 'True to approve, false to deny.' }) approve: boolean,
    @Arg('reason', () => String, { description: 'Why (10–500 characters); the account sees it in its security log.' }) reason: string,
    @Arg('proof', () => String, {
      description: `A current code of your own 2FA method, or one of your recovery codes. ${ONE_CHECK_PER_REQUEST}`,
    })
    proof: string,
    @Ctx() context: RequestContext,
  ): Promise<AccountRecoveryRequest> {
    return this.recovery.decide(actorOf(context), id, approve, reason, proof);
  }
}
