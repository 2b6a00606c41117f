import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { DEFAULT_PAGE_BOUNDS, pageRequest } from '../../db/keyset-page';
import { requireUser } from '../../graphql/auth-checker';
import { connectionOf, PAGE_ARGUMENTS, type Connection } from '../../graphql/connection';
import type { RequestContext } from '../auth/request-context';
import { SECURITY_LOG_CURSOR, SecurityEventConnection } from './dto/security-event-connection';
import { SecurityEventEntity } from './entities/security-event.entity';
import type { SecurityEventsService } from './security-events.service';

@Resolver()
export class SecurityEventsResolver {
  constructor(private readonly events: SecurityEventsService) {}

  @Authorized()
  @Query(() => [SecurityEventEntity], {
    description: "The signed-in user's security log, newest first: at most 200 entries, `first` clamped into 1–200.",
    deprecationReason: 'Use securityLog: it pages past the newest 200 entries and refuses an out-of-range `first`.',
  })
  securityEvents(
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many entries (1–200).' }) first: number,
  ): Promise<SecurityEventEntity[]> {
    return this.events.list(requireUser(context).user.id, first);
  }

  @Authorized()
  @Query(() => SecurityEventConnection, {
    description:
      "The signed-in user's security log, a page at a time, newest first. Pages follow one another by cursor: entries " +
      'recorded while you read come before the first page, never twice or in a gap.',
  })
  async securityLog(
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_PAGE_BOUNDS.defaultSize,
      description: PAGE_ARGUMENTS.first(DEFAULT_PAGE_BOUNDS.maxSize, DEFAULT_PAGE_BOUNDS.defaultSize),
    })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGUMENTS.after }) after: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Connection<SecurityEventEntity>> {
    const { user } = requireUser(context);
    const request = await pageRequest(SECURITY_LOG_CURSOR, first, after);
    return connectionOf(await this.events.page(user.id, request));
  }
}
