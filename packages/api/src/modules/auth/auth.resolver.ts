import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser } from '../../graphql/auth-checker';
import type { RequestContext } from './request-context';
import type { AccountService } from './account.service';
import { AuthPayload } from './dto/auth-payload.type';
import { LoginResult } from './dto/login-result.union';
import { UserEntity } from './entities/user.entity';
import type { SessionHandOff } from './session-hand-off';
import type { SessionService } from './session.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly handOff: SessionHandOff,
  ) {}

  @Query(() => UserEntity, {
    nullable: true,
    description:
      'The signed-in user (or the owner of the API token); null without a session. A revoked or expired token answers UNAUTHENTICATED.',
  })
  me(@Ctx() context: RequestContext): UserEntity | null {
    if (context.caller.kind === 'anonymous') return null;
    return requireUser(context).user;
  }

  @Mutation(() => AuthPayload, {
    description: 'Creates a customer account and signs it in. FORBIDDEN when registration is switched off.',
  })
  async register(
    @Arg('email', () => String, { description: 'A valid e-mail address; it becomes the sign-in name.' }) email: string,
    @Arg('password', () => String, { description: '8 to 256 characters.' }) password: string,
    @Ctx() context: RequestContext,
  ): Promise<AuthPayload> {
    return this.handOff.start(await this.accounts.register(email, password, context.client), context);
  }

  @Mutation(() => LoginResult, {
    description:
      'Signs in with e-mail and password. Answers a session, or a TwoFactorChallenge when 2FA is on ' +
      '(a browser remembered at an earlier challenge gets its session at once). ' +
      'The same UNAUTHENTICATED error for an unknown e-mail and a wrong password.',
  })
  async login(
    @Arg('email', () => String, { description: 'The account e-mail address (any case).' }) email: string,
    @Arg('password', () => String, { description: 'The account password.' }) password: string,
    @Ctx() context: RequestContext,
  ): Promise<typeof LoginResult> {
    const outcome = await this.accounts.login(email, password, context.client, context.rememberedBrowser);
    if (outcome.kind === 'challenge') return outcome.challenge;
    if (outcome.rememberedBrowser) context.setRememberedBrowserCookie(outcome.rememberedBrowser.value, outcome.rememberedBrowser.expiresAt);
    return this.handOff.start(outcome, context);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session on the server. True even when there was none.' })
  async logout(@Ctx() context: RequestContext): Promise<boolean> {
    if (context.caller.kind === 'session') await this.sessions.revoke(context.caller.session.id);
    context.clearSessionCookie();
    return true;
  }
}
