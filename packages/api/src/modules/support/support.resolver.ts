import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DEFAULT_PAGE_BOUNDS, pageRequest } from '../../db/keyset-page';
import { requireUser } from '../../graphql/auth-checker';
import { ONE_CHECK_PER_REQUEST } from '../../graphql/code-check-limit.step';
import { connectionOf, PAGE_ARGUMENTS, type Connection } from '../../graphql/connection';
import type { RequestContext } from '../auth/request-context';
import { SECURITY_LOG_CURSOR, SecurityEventConnection } from '../audit/dto/security-event-connection';
import { SecurityEventEntity } from '../audit/entities/security-event.entity';
import { Role } from '../auth/role';
import { actorOf } from '../two-factor/two-factor.resolver';
import { USERS_CURSOR, UserSummaryConnection } from './dto/user-summary-connection';
import { UserSummary } from './dto/user-summary.type';
import { SUPPORT_MESSAGES, type SupportService } from './support.service';

@ObjectType({ description: 'A support reset of a user’s 2FA was done.' })
export class TwoFactorResetPayload {
  @Field(() => String, { description: 'What to tell the staff member.' })
  message: string;

  @Field(() => UserSummary, { description: 'The account after the reset (no 2FA method).' })
  user: UserSummary;
}

/** Said by every staff field: what they all need. */
const STAFF_RULES = 'Needs 2FA on your own account, whatever the server requires of others (FORBIDDEN, reason OWN_2FA_REQUIRED).';

@Resolver()
export class SupportResolver {
  constructor(private readonly support: SupportService) {}

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Query(() => [UserSummary], {
    description: `Support: accounts of a lower role than yours whose e-mail contains the text, by address, at most 50. The search is recorded in your own security log. ${STAFF_RULES}`,
    deprecationReason: 'Use users: it pages through every match and refuses an out-of-range `first`.',
  })
  searchUsers(
    @Arg('query', () => String, { description: 'Part of an e-mail address.' }) query: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many (1–50).' }) first: number,
    @Ctx() context: RequestContext,
  ): Promise<UserSummary[]> {
    return this.support.search(requireUser(context), query, first);
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Query(() => UserSummaryConnection, {
    description:
      'Support: the accounts of a lower role than yours whose e-mail contains the text, a page at a time, newest account first ' +
      `(an empty text finds none). Each page read is recorded in your own security log as a search. ${STAFF_RULES}`,
  })
  async users(
    @Arg('search', () => String, { description: 'Part of an e-mail address (any case; % and _ match themselves).' }) search: string,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_PAGE_BOUNDS.defaultSize,
      description: PAGE_ARGUMENTS.first(DEFAULT_PAGE_BOUNDS.maxSize, DEFAULT_PAGE_BOUNDS.defaultSize),
    })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGUMENTS.after }) after: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Connection<UserSummary>> {
    const staff = requireUser(context);
    const request = await pageRequest(USERS_CURSOR, first, after);
    return connectionOf(await this.support.searchPage(staff, search, request));
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Query(() => [SecurityEventEntity], {
    description:
      "Support: the security log of an account of a lower role than yours (or your own), newest first, at most 200 entries. The read is recorded in that account's log. " +
      `An account of your role or above: FORBIDDEN, reason ROLE_NOT_BELOW. ${STAFF_RULES}`,
    deprecationReason: 'Use userSecurityLog: it pages past the newest 200 entries and refuses an out-of-range `first`.',
  })
  userSecurityEvents(
    @Arg('userId', () => ID, { description: 'The account.' }) userId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many entries (1–200).' }) first: number,
    @Ctx() context: RequestContext,
  ): Promise<SecurityEventEntity[]> {
    return this.support.securityLog(requireUser(context), userId, first);
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Query(() => SecurityEventConnection, {
    description:
      'Support: the security log of an account of a lower role than yours (or your own), a page at a time, newest first. ' +
      "Each read is recorded in that account's log (one entry per staff member and hour, counting the reads). " +
      `An account of your role or above: FORBIDDEN, reason ROLE_NOT_BELOW. ${STAFF_RULES}`,
  })
  async userSecurityLog(
    @Arg('userId', () => ID, { description: 'The account.' }) userId: string,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_PAGE_BOUNDS.defaultSize,
      description: PAGE_ARGUMENTS.first(DEFAULT_PAGE_BOUNDS.maxSize, DEFAULT_PAGE_BOUNDS.defaultSize),
    })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGUMENTS.after }) after: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Connection<SecurityEventEntity>> {
    const staff = requireUser(context);
    const request = await pageRequest(SECURITY_LOG_CURSOR, first, after);
    return connectionOf(await this.support.securityLogPage(staff, userId, request));
  }

  @Authorized(Role.SUPPORT, Role.ADMIN)
  @Mutation(() => TwoFactorResetPayload, {
    description:
      "Support: removes a user's 2FA (lost phone, mailbox or number) and signs them out everywhere; the user is e-mailed. " +
      `${STAFF_RULES} Needs a fresh code of it too; only accounts of a lower role than yours (FORBIDDEN, reason ROLE_NOT_BELOW), ` +
      'never your own (FORBIDDEN, reason NOT_YOURSELF); at most 10 an hour (TOO_MANY_ATTEMPTS, reason RESET_LIMIT), ' +
      'refused before your code is checked, so it stays unspent.',
  })
  async resetTwoFactor(
    @Arg('userId', () => ID, { description: 'The account to reset.' }) userId: string,
    @Arg('reason', () => String, { description: 'Why (10–500 characters); the user sees it in their security log.' }) reason: string,
    @Arg('code', () => String, {
      description: `A current code of your own 2FA method, or one of your recovery codes. ${ONE_CHECK_PER_REQUEST}`,
    })
    code: string,
    @Ctx() context: RequestContext,
  ): Promise<TwoFactorResetPayload> {
    const user = await this.support.resetTwoFactor(actorOf(context), userId, reason, code);
    return Object.assign(new TwoFactorResetPayload(), { message: SUPPORT_MESSAGES.RESET, user });
  }
}
