import { Field, InputType } from 'type-graphql';
import { TwoFactorMethod } from '../two-factor-method';

@InputType({ description: 'Which method to set up, and where its codes go.' })
export class EnableTwoFactorInput {
  @Field(() => TwoFactorMethod, { description: 'The method to set up.' })
  method: TwoFactorMethod;

  @Field(() => String, { nullable: true, description: 'EMAIL: the address to send codes to.' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'SMS: the mobile number, in international form (+447911123456) or national form with phoneCountry. Unless the server ' +
      'widens it, fixed lines (reason NOT_MOBILE) and numbers of no country, such as satellite phones (NON_GEOGRAPHIC), are refused.',
  })
  phoneNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'SMS: ISO 3166 country code (e.g. GB) for a number given in national form.' })
  phoneCountry?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'WEBAUTHN: a name for the security key or passkey (at most 64 characters), e.g. "YubiKey on my keyring".',
  })
  keyName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'When a method is already active: a current code of it, or a recovery code (switching needs a fresh proof).',
  })
  proof?: string | null;
}
