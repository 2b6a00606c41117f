import { createUnionType, Field, ObjectType } from 'type-graphql';

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

export const EnableTwoFactorResult = createUnionType({
  name: 'EnableTwoFactorResult',
  description: 'What enabling a method answers: a TOTP set-up, or a code sent to the e-mail address or phone.',
  types: () => [TotpSetup, CodeSent] as const,
  resolveType: (value) => (value instanceof TotpSetup ? TotpSetup : CodeSent),
});
