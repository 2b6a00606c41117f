import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/request-context';
import { actorOf } from '../../two-factor/two-factor.resolver';
import { ActiveSession } from './active-session.type';
import type { AccountSessionsService } from './account-sessions.service';

@Resolver()
export class AccountSessionsResolver {
  constructor(private readonly accountSessions: AccountSessionsService) {}

  @Authorized()
  @Query(() => [ActiveSession], {
    description: 'Your signed-in sessions that are live now (not signed out, not idle too long), most recently used first.',
  })
  sessions(@Ctx() context: RequestContext): Promise<ActiveSession[]> {
    return this.accountSessions.list(actorOf(context));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Signs one of your sessions out at once (this one too: then it is like logout). An unknown, ended or other user’s ' +
      'session: BAD_USER_INPUT, field id, reason NO_SUCH_SESSION.',
  })
  async revokeSession(
    @Arg('id', () => ID, { description: 'An ActiveSession id.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    const { current } = await this.accountSessions.revoke(actorOf(context), id);
    if (current) context.clearSessionCookie();
    return true;
  }

  @Authorized()
  @Mutation(() => Int, { description: '"Sign out everywhere else": ends every other live session of yours at once; answers how many.' })
  revokeOtherSessions(@Ctx() context: RequestContext): Promise<number> {
    return this.accountSessions.revokeOthers(actorOf(context));
  }
}
