import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProofKind } from '../methods/method.types';
import { TwoFactorMethod } from '../two-factor-method';

@ObjectType({ description: 'The second step of a sign-in: a code of the active 2FA method is needed.' })
export class TwoFactorChallenge {
  @Field(() => ID, { description: 'Pass to verifyLoginChallenge with the code. It is not a session token.' })
  challengeId: string;

  @Field(() => TwoFactorMethod, { description: 'Where the code comes from.' })
  method: TwoFactorMethod;

  @Field(() => String, { nullable: true, description: 'Where an e-mail or SMS code was sent, masked (e.g. j***@example.com).' })
  maskedDestination: string | null;

  @Field(() => Date, { description: 'When the challenge ends; sign in again after that.' })
  expiresAt: Date;

  @Field(() => Boolean, {
    description:
      'EMAIL and SMS: whether a new code went out just now. False when a send limit or the provider refused: the sign-in ' +
      'still goes on with a code received earlier (an unused code of an earlier sign-in carries over) or a recovery code, ' +
      'and resendLoginCode works from resendAvailableAt. Always false for TOTP.',
  })
  codeSent: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'EMAIL and SMS: when resendLoginCode may send a code (after a refusal, when the limit that refused allows it again).',
  })
  resendAvailableAt: Date | null;

  @Field(() => Boolean, {
    description: 'Whether the method sends its codes (e-mail, SMS): then resendLoginCode can send a new one.',
  })
  sendsCodes: boolean;

  @Field(() => ProofKind, { description: 'What verifyLoginChallenge takes as `code` for this method (a recovery code always works).' })
  proof: ProofKind;

  @Field(() => String, {
    nullable: true,
    description:
      "WEBAUTHN: the options for the browser's navigator.credentials.get() (PublicKeyCredentialRequestOptionsJSON); send the " +
      'JSON it answers to verifyLoginChallenge as `code`. Null for the other methods.',
  })
  webAuthnOptionsJSON: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many days "Remember this browser" (verifyLoginChallenge rememberBrowser) skips the code; null when this server forbids it.',
  })
  rememberBrowserDays: number | null;
}
