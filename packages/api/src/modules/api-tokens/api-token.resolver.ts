import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser } from '../../graphql/auth-checker';
import { ONE_CHECK_PER_REQUEST } from '../../graphql/code-check-limit.step';
import type { RequestContext } from '../auth/request-context';
import { actorOf } from '../two-factor/two-factor.resolver';
import { ApiTokenScope } from './api-token-scope';
import { API_TOKEN_LIMITS, type ApiTokenService } from './api-token.service';
import { ApiToken, ApiTokenCreated } from './dto/api-token.types';

const SESSION_ONLY = 'Needs a signed-in session: an API token is refused (FORBIDDEN, reason TOKEN_SCOPE).';

@Resolver()
export class ApiTokensResolver {
  constructor(private readonly tokens: ApiTokenService) {}

  @Authorized()
  @Query(() => [ApiToken], {
    description: 'Your live API tokens (not revoked, not expired), newest first. A token with READ may list them.',
  })
  apiTokens(@Ctx() context: RequestContext): Promise<ApiToken[]> {
    return this.tokens.list(requireUser(context).user.id);
  }

  @Authorized()
  @Mutation(() => ApiTokenCreated, {
    description:
      'Creates an API token for a script: send it as `Authorization: Bearer <token>`. It only reads (its scopes say what), lasts ' +
      '`expiresInDays`, and ends when 2FA is turned off or reset and when the password is changed or reset (a switch of method ' +
      'keeps it). Needs 2FA on (FORBIDDEN, reason API_TOKENS_NEED_2FA) and a fresh proof of it, checked last; at most ' +
      `${API_TOKEN_LIMITS.maxPerUser} live tokens (FORBIDDEN, reason API_TOKEN_LIMIT). Recorded in your security log and e-mailed. ${SESSION_ONLY}`,
  })
  createApiToken(
    @Arg('name', () => String, { description: `What it is for, 1 to ${API_TOKEN_LIMITS.nameMaxLength} characters (e.g. "deploy script").` })
    name: string,
    @Arg('scopes', () => [ApiTokenScope], { description: 'What it may read; SUPPORT_READ only for staff.' }) scopes: ApiTokenScope[],
    @Arg('expiresInDays', () => Int, {
      nullable: true,
      description: `Days until it stops working, ${API_TOKEN_LIMITS.minDays} to ${API_TOKEN_LIMITS.maxDays}; left out or null: ${API_TOKEN_LIMITS.defaultDays}.`,
    })
    expiresInDays: number | null | undefined,
    @Arg('proof', () => String, { description: `A current code of your 2FA method, or a recovery code. ${ONE_CHECK_PER_REQUEST}` })
    proof: string,
    @Ctx() context: RequestContext,
  ): Promise<ApiTokenCreated> {
    return this.tokens
      .create(actorOf(context), { name, scopes, expiresInDays, proof })
      .then((created) => Object.assign(new ApiTokenCreated(), created));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Revokes one of your API tokens at once: its next request answers UNAUTHENTICATED (reason API_TOKEN_ENDED). Recorded in ' +
      `your security log. An unknown, ended or other user’s token: BAD_USER_INPUT, field id, reason NO_SUCH_API_TOKEN. ${SESSION_ONLY}`,
  })
  async revokeApiToken(
    @Arg('id', () => ID, { description: 'An ApiToken id.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.tokens.revoke(actorOf(context), id);
    return true;
  }
}
