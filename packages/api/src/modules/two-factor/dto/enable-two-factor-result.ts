import { createUnionType, Field, ObjectType } from 'type-graphql';
import { METHOD_REGISTRY } from '../methods/registry';

@ObjectType({ description: 'A TOTP set-up: scan the QR code (or type the key) into an authenticator app, then verify a code.' })
export class TotpSetup {
  @Field(() => String, { description: 'The secret key for manual entry (base32). Shown only during set-up.' })
  secret: string;

  @Field(() => String, { description: 'The otpauth:// URI the QR code holds.' })
  otpauthUri: string;

  @Field(() => String, { description: 'The QR code as a PNG data URL.' })
  qrCodeDataUrl: string;

  @Field(() => Date, { description: 'When the set-up ends unfinished.' })
  expiresAt: Date;
}

@ObjectType({ description: 'A code was sent by e-mail or SMS.' })
export class CodeSent {
  @Field(() => String, { description: 'What to tell the user, e.g. "The code was sent to the email address provided".' })
  message: string;

  @Field(() => String, { description: 'Where the code went, masked.' })
  maskedDestination: string;

  @Field(() => Date, { description: 'When the code stops working.' })
  expiresAt: Date;

  @Field(() => Date, { description: 'When a new code may be asked for.' })
  resendAvailableAt: Date;
}

/** What enabling a method answers: each method's own set-up object (the registry says which). */
export const EnableTwoFactorResult = createUnionType({
  name: 'EnableTwoFactorResult',
  description:
    'What enabling a method answers: a TOTP set-up, a code sent to the e-mail address or phone, or the options to register a security key.',
  types: () => [...new Set(METHOD_REGISTRY.map((definition) => definition.setupResult()))] as [new () => object],
  resolveType: (value: object) => value.constructor as new () => object,
});
