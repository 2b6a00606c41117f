import { Field, Int, ObjectType } from 'type-graphql';
import { TwoFactorMethod } from '../two-factor-method';

@ObjectType({ description: 'A method being set up: it replaces the active one (if any) once its code is verified.' })
export class PendingTwoFactor {
  @Field(() => TwoFactorMethod, { description: 'The method being set up.' })
  method: TwoFactorMethod;

  @Field(() => String, { nullable: true, description: 'Where codes go (masked), for EMAIL and SMS.' })
  maskedDestination: string | null;

  @Field(() => Date, { description: 'When the set-up ends unfinished.' })
  expiresAt: Date;
}

@ObjectType({ description: "The signed-in user's two-factor authentication." })
export class TwoFactorSettings {
  @Field(() => Boolean, { description: 'Whether a method is active: sign-ins then need a code.' })
  enabled: boolean;

  @Field(() => TwoFactorMethod, { nullable: true, description: 'The active method, if any.' })
  method: TwoFactorMethod | null;

  @Field(() => String, { nullable: true, description: 'Where codes of the active method go (masked), for EMAIL and SMS.' })
  maskedDestination: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the active method was verified (a switch starts it again); null when 2FA is off.',
  })
  activeSince: Date | null;

  @Field(() => PendingTwoFactor, { nullable: true, description: 'A method being set up, if any.' })
  pending: PendingTwoFactor | null;

  @Field(() => Int, { description: 'Unused recovery codes.' })
  recoveryCodesRemaining: number;

  @Field(() => Boolean, {
    description:
      'Whether the panel should invite the user to enable 2FA: while 2FA is off, unless dismissed in the last 30 days (always when required).',
  })
  promptToEnable: boolean;

  @Field(() => Boolean, { description: 'Whether this server requires 2FA for this user (the prompt then cannot be dismissed).' })
  required: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      'When required and 2FA is off: the end of the grace period. After it, every other operation answers FORBIDDEN ' +
      '(reason TWO_FACTOR_REQUIRED) until a method is verified.',
  })
  requiredBy: Date | null;

  @Field(() => [TwoFactorMethod], { description: 'The methods this server lets users enable, strongest first.' })
  availableMethods: TwoFactorMethod[];

  @Field(() => [String], {
    nullable: true,
    description:
      'The countries (ISO 3166 codes) SMS codes may be sent to; null: any. Other numbers answer BAD_USER_INPUT ' +
      '(field phoneNumber, reason COUNTRY_NOT_OFFERED).',
  })
  smsCountries: string[] | null;
}
