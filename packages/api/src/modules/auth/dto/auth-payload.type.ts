import { Field, Int, ObjectType } from 'type-graphql';
import { UserEntity } from '../entities/user.entity';

@ObjectType({ description: 'A new session: its token and its user.' })
export class AuthPayload {
  @Field(() => String, {
    description: 'Opaque session token. API clients send it as `Authorization: Bearer <token>`; the panel gets it as an HttpOnly cookie.',
  })
  token: string;

  @Field(() => UserEntity, { description: 'The signed-in user.' })
  user: UserEntity;

  @Field(() => Int, {
    nullable: true,
    description: 'After a sign-in with a recovery code: how many are left (new ones are due at 3 or fewer). Null for any other sign-in.',
  })
  recoveryCodesRemaining?: number | null;
}
