import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../auth/role';
import { TwoFactorMethod } from '../../two-factor/two-factor-method';

@ObjectType({ description: 'An account as support staff see it in a search.' })
export class UserSummary {
  @Field(() => ID, { description: 'Stable identifier of the account.' })
  id: string;

  @Field(() => String, { description: 'The sign-in e-mail address.' })
  email: string;

  @Field(() => Role, { description: 'What the user may do.' })
  role: Role;

  @Field(() => TwoFactorMethod, { nullable: true, description: 'The active 2FA method, if any.' })
  twoFactorMethod: TwoFactorMethod | null;

  @Field(() => Date, { description: 'When the account was created.' })
  createdAt: Date;
}
