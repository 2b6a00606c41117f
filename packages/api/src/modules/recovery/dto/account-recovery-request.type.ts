import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from '../../auth/role';
import { SessionSecondFactor } from '../../auth/session-second-factor';
import { TwoFactorMethod } from '../../two-factor/two-factor-method';
import { AccountRecoveryStatus } from '../account-recovery-status';

@ObjectType({ description: 'A sign-in of the account, as staff see it when deciding a recovery request.' })
export class RecentSignIn {
  @Field(() => Date, { description: 'When the session began.' })
  at: Date;

  @Field(() => String, { nullable: true, description: 'The IP address it came from.' })
  ip: string | null;

  @Field(() => String, { description: 'The browser and system, e.g. "Firefox on Windows".' })
  device: string;

  @Field(() => SessionSecondFactor, { nullable: true, description: 'How it passed the second step; null for older sessions.' })
  secondFactor: SessionSecondFactor | null;
}

@ObjectType({ description: 'What staff see of the account of a recovery request, to help them decide.' })
export class RecoveryAccountFacts {
  @Field(() => ID, { description: 'The account.' })
  id: string;

  @Field(() => String, { description: 'Its sign-in e-mail address.' })
  email: string;

  @Field(() => Boolean, {
    description: 'Whether the address is verified. If not, the owner was not e-mailed about the request: weigh that.',
  })
  emailVerified: boolean;

  @Field(() => Role, { description: 'Its role.' })
  role: Role;

  @Field(() => Date, { description: 'When the account was created.' })
  createdAt: Date;

  @Field(() => TwoFactorMethod, { nullable: true, description: 'Its active 2FA method now (null once removed).' })
  twoFactorMethod: TwoFactorMethod | null;

  @Field(() => [RecentSignIn], { description: 'Its latest sign-ins (at most 10), newest first.' })
  recentSignIns: RecentSignIn[];
}

@ObjectType({
  description:
    'A request to remove the 2FA of an account whose owner lost their method, made after the password step. Support decides; an ' +
    'approval takes effect only after a waiting period during which the account can cancel it.',
})
export class AccountRecoveryRequest {
  @Field(() => ID, { description: 'Pass to cancelAccountRecovery or decideAccountRecovery.' })
  id: string;

  @Field(() => AccountRecoveryStatus, { description: 'Where it stands.' })
  status: AccountRecoveryStatus;

  @Field(() => String, { description: 'What the requester told support.' })
  message: string;

  @Field(() => Date, { description: 'When it was made.' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'APPROVED (and COMPLETED): when 2FA is (was) removed unless cancelled before. Null while pending, and after a denial or a cancellation before approval.',
  })
  effectiveAt: Date | null;

  @Field(() => Int, { description: 'How many hours after approval it takes effect (RECOVERY_WAIT_HOURS).' })
  waitHours: number;

  @Field(() => String, { nullable: true, description: 'The IP address it was made from.' })
  requestIp: string | null;

  @Field(() => Date, { nullable: true, description: 'When support approved or denied it.' })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The reason support gave for the decision.' })
  decisionReason: string | null;

  @Field(() => RecoveryAccountFacts, {
    nullable: true,
    description:
      'Staff only (accountRecoveryRequests and decideAccountRecovery): the account and its recent sign-ins. Null everywhere else.',
  })
  account: RecoveryAccountFacts | null;
}
