import { Field, ObjectType } from 'type-graphql';
import { TwoFactorSettings } from './two-factor-settings.type';

@ObjectType({ description: 'A method was verified and is now the active one.' })
export class VerifyTwoFactorPayload {
  @Field(() => String, { description: 'e.g. "Code successfully verified. 2FA method will be set to TOTP".' })
  message: string;

  @Field(() => TwoFactorSettings, { description: 'The settings after the change.' })
  settings: TwoFactorSettings;

  @Field(() => [String], {
    nullable: true,
    description: 'On first enabling only: ten single-use recovery codes. Shown this once; store them safely.',
  })
  recoveryCodes: string[] | null;
}

@ObjectType({ description: 'Two-factor authentication was turned off.' })
export class DisableTwoFactorPayload {
  @Field(() => String, { description: '"Your 2FA settings have been successfully deleted."' })
  message: string;

  @Field(() => TwoFactorSettings, { description: 'The settings after the change.' })
  settings: TwoFactorSettings;
}

@ObjectType({ description: 'New recovery codes; the old ones no longer work.' })
export class RecoveryCodesPayload {
  @Field(() => [String], { description: 'Ten single-use recovery codes. Shown this once.' })
  recoveryCodes: string[];

  @Field(() => TwoFactorSettings, { description: 'The settings after the change.' })
  settings: TwoFactorSettings;
}
