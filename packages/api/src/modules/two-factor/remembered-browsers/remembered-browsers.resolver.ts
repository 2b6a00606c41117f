import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireSession } from '../../../graphql/auth-checker';
import type { RequestContext } from '../../auth/request-context';
import { RememberedBrowser } from './remembered-browser.type';
import type { RememberedBrowserService } from './remembered-browsers.service';

@Resolver()
export class RememberedBrowsersResolver {
  constructor(private readonly browsers: RememberedBrowserService) {}

  @Authorized()
  @Query(() => [RememberedBrowser], {
    description: 'Your browsers that sign in without a 2FA code ("Remember this browser"), most recently used first.',
  })
  rememberedBrowsers(@Ctx() context: RequestContext): Promise<RememberedBrowser[]> {
    return this.browsers.list(requireSession(context).caller.user.id, context.rememberedBrowser);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Forgets one of your remembered browsers: its next sign-in needs a 2FA code. BAD_USER_INPUT (field id) for an unknown one.',
  })
  async forgetRememberedBrowser(
    @Arg('id', () => ID, { description: 'A RememberedBrowser id.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    const { user } = requireSession(context).caller;
    await this.browsers.forget(user.id, id, context.client.ip);
    if (context.rememberedBrowser?.startsWith(`${id}.`)) context.clearRememberedBrowserCookie();
    return true;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Forgets all your remembered browsers; answers how many there were.' })
  async forgetRememberedBrowsers(@Ctx() context: RequestContext): Promise<number> {
    const { user } = requireSession(context).caller;
    const forgotten = await this.browsers.forgetEvery(user.id, context.client.ip);
    if (forgotten > 0) context.clearRememberedBrowserCookie();
    return forgotten;
  }
}
