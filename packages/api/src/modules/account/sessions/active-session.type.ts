import { Field, ID, ObjectType } from 'type-graphql';
import { SessionSecondFactor } from '../../auth/session-second-factor';
import { TwoFactorMethod } from '../../two-factor/two-factor-method';

@ObjectType({ description: 'A signed-in session of your account, live now.' })
export class ActiveSession {
  @Field(() => ID, { description: 'Pass to revokeSession. Not the session token.' })
  id: string;

  @Field(() => String, { description: 'The browser and system its user agent names, e.g. "Firefox on Windows".' })
  device: string;

  @Field(() => String, { nullable: true, description: 'The IP address it signed in from.' })
  ip: string | null;

  @Field(() => Date, { description: 'When it signed in.' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it was last used (to the minute).' })
  lastSeenAt: Date;

  @Field(() => Boolean, { description: 'True for the session this request comes from.' })
  current: boolean;

  @Field(() => SessionSecondFactor, { nullable: true, description: 'How its sign-in passed the second step; null for older sessions.' })
  secondFactor: SessionSecondFactor | null;

  @Field(() => TwoFactorMethod, { nullable: true, description: 'For `secondFactor: CODE`: the method whose code was given.' })
  secondFactorMethod: TwoFactorMethod | null;
}
