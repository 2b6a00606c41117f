import { Field, ID, ObjectType } from 'type-graphql';
import { ApiTokenScope } from '../api-token-scope';

@ObjectType({ description: 'An API token of your account, live now (not revoked, not expired). The token itself is never shown again.' })
export class ApiToken {
  @Field(() => ID, { description: 'Pass to revokeApiToken. Not the token.' })
  id: string;

  @Field(() => String, { description: 'The name given at creation, e.g. "deploy script".' })
  name: string;

  @Field(() => [ApiTokenScope], { description: 'What it may read.' })
  scopes: ApiTokenScope[];

  @Field(() => Date, { description: 'When it was created.' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it stops working by itself.' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: 'When a request of it was last let through (to the minute); null if never.' })
  lastUsedAt: Date | null;
}

@ObjectType({ description: 'A new API token: `token` is shown this once and never again.' })
export class ApiTokenCreated {
  @Field(() => String, {
    description:
      'The token, `lk_` and 43 characters: send it as `Authorization: Bearer <token>`. Only its SHA-256 is stored, so it cannot be shown again.',
  })
  token: string;

  @Field(() => ApiToken, { description: 'The token as apiTokens lists it.' })
  apiToken: ApiToken;
}
