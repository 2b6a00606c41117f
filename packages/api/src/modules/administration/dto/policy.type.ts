import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TwoFactorMethod } from '../../two-factor/two-factor-method';

/** Who must have 2FA on. */
export enum TwoFactorRequirementLevel {
  NONE = 'NONE',
  STAFF = 'STAFF',
  ALL = 'ALL',
}

registerEnumType(TwoFactorRequirementLevel, {
  name: 'TwoFactorRequirement',
  description: 'Who the server requires 2FA of.',
  valuesConfig: {
    NONE: { description: 'Nobody: 2FA is offered, not required.' },
    STAFF: { description: 'SUPPORT and ADMIN accounts.' },
    ALL: { description: 'Every account.' },
  },
});

@ObjectType({
  description:
    'The 2FA policy in force. Until an admin first saves one (version 0) it is the server’s environment settings; once saved, the saved one, ' +
    'which every API process reads within seconds.',
})
export class Policy {
  @Field(() => Int, {
    description: 'Grows by one with each save; 0 while the environment’s defaults apply. Give it back as `expectedVersion`.',
  })
  version: number;

  @Field(() => TwoFactorRequirementLevel, { description: 'Who must have 2FA on.' })
  requiredFor: TwoFactorRequirementLevel;

  @Field(() => Int, { description: 'Days someone the requirement newly concerns may go on without 2FA (0–365).' })
  graceDays: number;

  @Field(() => [TwoFactorMethod], {
    description:
      'The methods users may set up, strongest first. A user whose method is taken off keeps it until they switch; nobody new can set it up.',
  })
  offeredMethods: TwoFactorMethod[];

  @Field(() => [TwoFactorMethod], { description: 'The methods this server is set up to deliver: what `offeredMethods` may hold.' })
  offerableMethods: TwoFactorMethod[];

  @Field(() => Int, { description: 'How long "Remember this browser" skips the code (0–365; 0 forbids it).' })
  rememberBrowserDays: number;

  @Field(() => [String], { nullable: true, description: 'The countries (ISO 3166 codes) SMS codes may go to; null: any.' })
  smsCountries: string[] | null;

  @Field(() => Date, { nullable: true, description: 'When it was saved; null while the environment’s defaults apply.' })
  updatedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Who saved it: the admin’s e-mail address as it was then, or `CLI` for the operator’s command line; null for the defaults.',
  })
  updatedBy: string | null;

  @Field(() => ID, { nullable: true, description: 'The account of the admin who saved it; null for the command line or the defaults.' })
  updatedByUserId: string | null;
}

@InputType({ description: 'A change of the 2FA policy. A field left out keeps its value.' })
export class PolicyInput {
  @Field(() => Int, {
    description:
      'The `version` the change was made from. When someone saved in between, nothing is saved (BAD_USER_INPUT, reason POLICY_VERSION_CONFLICT).',
  })
  expectedVersion: number;

  @Field(() => TwoFactorRequirementLevel, { nullable: true, description: 'Who must have 2FA on.' })
  requiredFor?: TwoFactorRequirementLevel | null;

  @Field(() => Int, { nullable: true, description: 'Grace days, 0–365 (reason DAYS_OUT_OF_RANGE).' })
  graceDays?: number | null;

  @Field(() => [TwoFactorMethod], {
    nullable: true,
    description:
      'The methods users may set up; at least one (POLICY_NO_METHODS), each one the server can deliver (METHOD_NOT_SET_UP). ' +
      'Users of a method taken off keep it until they switch.',
  })
  offeredMethods?: TwoFactorMethod[] | null;

  @Field(() => Int, { nullable: true, description: 'Remember-browser days, 0–365; 0 forbids remembering (reason DAYS_OUT_OF_RANGE).' })
  rememberBrowserDays?: number | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'ISO 3166 codes of the countries SMS codes may go to (UNKNOWN_COUNTRIES, NO_COUNTRIES for an empty list); null: any country; left out: unchanged.',
  })
  smsCountries?: string[] | null;
}
