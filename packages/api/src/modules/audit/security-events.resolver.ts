import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireSession } from '../../graphql/auth-checker';
import type { RequestContext } from '../../graphql/context';
import { SecurityEventEntity } from './entities/security-event.entity';
import type { SecurityEventsService } from './security-events.service';

@Resolver()
export class SecurityEventsResolver {
  constructor(private readonly events: SecurityEventsService) {}

  @Authorized()
  @Query(() => [SecurityEventEntity], { description: "The signed-in user's security log, newest first." })
  securityEvents(
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many entries (1–200).' }) first: number,
  ): Promise<SecurityEventEntity[]> {
    return this.events.list(requireSession(context).caller.user.id, first);
  }
}
