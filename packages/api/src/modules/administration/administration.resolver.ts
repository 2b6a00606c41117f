import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser } from '../../graphql/auth-checker';
import { ONE_CHECK_PER_REQUEST } from '../../graphql/code-check-limit.step';
import type { RequestContext } from '../auth/request-context';
import { Role } from '../auth/role';
import { UserSummary } from '../support/dto/user-summary.type';
import { actorOf } from '../two-factor/two-factor.resolver';
import { ADMIN_LIMITS, type AdministrationService } from './administration.service';
import { Policy, PolicyInput, TwoFactorRequirementLevel } from './dto/policy.type';
import type { LivePolicy } from './stored-policy';

const ADMIN_RULES =
  'ADMIN only; needs 2FA on your own account (FORBIDDEN, reason OWN_2FA_REQUIRED) and a fresh code of it (`proof`). ' +
  `At most ${ADMIN_LIMITS.maxChangesPerHour} changes an hour (TOO_MANY_ATTEMPTS, reason ADMIN_CHANGE_LIMIT). ` +
  'Every refusal of the input, the version or the budget comes before the code is checked, so it stays unspent.';

const PROOF_DESCRIPTION = `A current code of your own 2FA method, or one of your recovery codes. ${ONE_CHECK_PER_REQUEST}`;

const LEVELS: Record<LivePolicy['requiredFor'], TwoFactorRequirementLevel> = {
  none: TwoFactorRequirementLevel.NONE,
  staff: TwoFactorRequirementLevel.STAFF,
  all: TwoFactorRequirementLevel.ALL,
};

@Resolver()
export class AdministrationResolver {
  constructor(private readonly administration: AdministrationService) {}

  @Authorized(Role.ADMIN)
  @Query(() => Policy, {
    description: 'Admin: the 2FA policy in force (version 0: the environment’s defaults, never saved). Needs 2FA on your own account.',
  })
  async policy(@Ctx() context: RequestContext): Promise<Policy> {
    return this.toPolicy(await this.administration.policy(requireUser(context)));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Policy, {
    description:
      'Admin: saves the 2FA policy, for every API process (within seconds on the others). Every problem of the input is answered at once ' +
      '(BAD_USER_INPUT, `extensions.fields`); a save from a version someone else saved over is refused (reason POLICY_VERSION_CONFLICT). ' +
      ADMIN_RULES,
  })
  async updatePolicy(
    @Arg('input', () => PolicyInput, { description: 'The version you read, and the fields to change.' }) input: PolicyInput,
    @Arg('proof', () => String, { description: PROOF_DESCRIPTION }) proof: string,
    @Ctx() context: RequestContext,
  ): Promise<Policy> {
    const saved = await this.administration.updatePolicy(
      actorOf(context),
      {
        expectedVersion: input.expectedVersion,
        requiredFor: input.requiredFor ? (input.requiredFor.toLowerCase() as LivePolicy['requiredFor']) : undefined,
        graceDays: input.graceDays,
        offeredMethods: input.offeredMethods,
        rememberBrowserDays: input.rememberBrowserDays,
        smsCountries: input.smsCountries,
      },
      proof,
    );
    return this.toPolicy(saved);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserSummary, {
    description:
      'Admin: gives an account a role (your own too). The last ADMIN cannot be demoted (FORBIDDEN, reason LAST_ADMIN); the change ' +
      'holds from the account’s next request, and is recorded in its security log and in yours. ' +
      ADMIN_RULES,
  })
  setUserRole(
    @Arg('userId', () => ID, { description: 'The account.' }) userId: string,
    @Arg('role', () => Role, { description: 'Its new role.' }) role: Role,
    @Arg('proof', () => String, { description: PROOF_DESCRIPTION }) proof: string,
    @Ctx() context: RequestContext,
  ): Promise<UserSummary> {
    return this.administration.setUserRole(actorOf(context), userId, role, proof);
  }

  private toPolicy(policy: LivePolicy): Policy {
    return Object.assign(new Policy(), {
      version: policy.version,
      requiredFor: LEVELS[policy.requiredFor],
      graceDays: policy.graceDays,
      offeredMethods: [...policy.methods],
      offerableMethods: [...this.administration.offerable],
      rememberBrowserDays: policy.rememberBrowserDays,
      smsCountries: policy.smsCountries ? [...policy.smsCountries] : null,
      updatedAt: policy.updatedAt,
      updatedBy: policy.updatedBy,
      updatedByUserId: policy.updatedByUserId,
    });
  }
}
