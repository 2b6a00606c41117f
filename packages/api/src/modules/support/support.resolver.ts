import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { SecurityEventEntity } from '../audit/entities/security-event.entity';
import type { SecurityEventsService } from '../audit/security-events.service';
import { Role } from '../auth/role';
import { actorOf } from '../two-factor/two-factor.resolver';
import { UserSummary } from './dto/user-summary.type';
import { SUPPORT_MESSAGES, type SupportService } from './support.service';

@ObjectType({ description: 'A support reset of a user’s 2FA was done.' })
export class TwoFactorResetPayload {
  @Field(() => String, { description: 'What to tell the staff member.' })
  message: string;

  @Field(() => UserSummary, { description: 'The account after the reset (no 2FA method).' })
  user: UserSummary;
}

@Resolver()
export class SupportResolver {
  constructor(
    private readonly support: SupportService,
    private readonly events: SecurityEventsService,
  ) {}

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Query(() => [UserSummary], { description: 'Support: accounts whose e-mail contains the text.' })
  searchUsers(
    @Arg('query', () => String, { description: 'Part of an e-mail address.' }) query: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many (1–50).' }) first: number,
  ): Promise<UserSummary[]> {
    return this.support.search(query, first);
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Query(() => [SecurityEventEntity], { description: "Support: any account's security log, newest first." })
  userSecurityEvents(
    @Arg('userId', () => ID, { description: 'The account.' }) userId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many entries (1–200).' }) first: number,
  ): Promise<SecurityEventEntity[]> {
    return this.events.list(userId, first);
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Mutation(() => TwoFactorResetPayload, {
    description:
      "Support: removes a user's 2FA (lost phone, mailbox or number) and signs them out everywhere; the user is e-mailed. " +
      'Needs 2FA on your own account and a fresh code of it (FORBIDDEN, reason OWN_2FA_REQUIRED); never your own account ' +
      '(FORBIDDEN, reason NOT_YOURSELF); at most 10 an hour (TOO_MANY_ATTEMPTS, reason RESET_LIMIT).',
  })
  async resetTwoFactor(
    @Arg('userId', () => ID, { description: 'The account to reset.' }) userId: string,
    @Arg('reason', () => String, { description: 'Why (10–500 characters); the user sees it in their security log.' }) reason: string,
    @Arg('code', () => String, { description: 'A current code of your own 2FA method, or one of your recovery codes.' }) code: string,
    @Ctx() context: RequestContext,
  ): Promise<TwoFactorResetPayload> {
    const user = await this.support.resetTwoFactor(actorOf(context), userId, reason, code);
    return Object.assign(new TwoFactorResetPayload(), { message: SUPPORT_MESSAGES.RESET, user });
  }
}
