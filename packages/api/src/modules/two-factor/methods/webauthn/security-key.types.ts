import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    "A security key's set-up: pass optionsJSON to the browser (navigator.credentials.create(), or @simplewebauthn/browser's " +
    'startRegistration), then send the JSON it answers to verifyTwoFactor as `code`.',
})
export class SecurityKeyRegistration {
  @Field(() => String, { description: 'PublicKeyCredentialCreationOptionsJSON: the options for the browser.' })
  optionsJSON: string;

  @Field(() => Date, { description: 'When the set-up ends unfinished.' })
  expiresAt: Date;
}

@ObjectType({ description: 'A security key or passkey registered to the account.' })
export class SecurityKey {
  @Field(() => ID, { description: 'Pass to removeSecurityKey.' })
  id: string;

  @Field(() => String, { description: 'The name given when it was registered.' })
  name: string;

  @Field(() => Date, { description: 'When it was registered.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it last signed a sign-in or a proof.' })
  lastUsedAt: Date | null;
}
