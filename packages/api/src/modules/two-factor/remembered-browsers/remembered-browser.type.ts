import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A browser that signs in without a 2FA code until it expires or is forgotten.' })
export class RememberedBrowser {
  @Field(() => ID, { description: 'Pass to forgetRememberedBrowser.' })
  id: string;

  @Field(() => String, { description: 'The browser and system its user agent names, e.g. "Firefox on Windows".' })
  label: string;

  @Field(() => String, { nullable: true, description: 'The IP address of its last sign-in.' })
  ip: string | null;

  @Field(() => Date, { description: 'When it was remembered.' })
  createdAt: Date;

  @Field(() => Date, { description: 'Its last sign-in without a code (or when it was remembered).' })
  lastUsedAt: Date;

  @Field(() => Date, { description: 'When it needs a code again: a fixed time after it was remembered, never extended.' })
  expiresAt: Date;

  @Field(() => Boolean, { description: 'True for the browser this request comes from.' })
  current: boolean;
}
