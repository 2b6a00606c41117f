import type { AuthChecker } from 'type-graphql';
import { fail } from '../errors/app-error';
import type { Caller, CallerUser, RequestContext, SignedInContext } from './context';

/** What a user past the grace period of required 2FA may still do: set 2FA up. */
const OPEN_WHILE_TWO_FACTOR_OVERDUE = new Set([
  'Query.twoFactorSettings',
  'Mutation.enableTwoFactor',
  'Mutation.resendEnrollmentCode',
  'Mutation.verifyTwoFactor',
]);

/**
 * `@Authorized()` needs a live session, or an API token whose scopes reach the field;
 * `@Authorized(Role.SUPPORT, …)` also one of the roles; and when the server requires 2FA of the
 * user and the grace period is over, 2FA set up.
 * It throws coded errors itself, so clients see UNAUTHENTICATED or FORBIDDEN, never a generic one.
 */
export const authChecker: AuthChecker<RequestContext, string> = async ({ context, info }, roles) => {
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  const { user } = requireUser(context);
  // The scope step refused the request already; this holds should a field ever be reached another way.
  if (context.caller.kind === 'api-token' && !context.caller.apiToken.reaches(coordinate)) throw fail('TOKEN_SCOPE');
  if (roles.length > 0 && !roles.includes(user.role)) throw fail('ROLE_REQUIRED');
  if (!OPEN_WHILE_TWO_FACTOR_OVERDUE.has(coordinate) && (await context.twoFactorOverdue())) {
    throw fail('TWO_FACTOR_REQUIRED');
  }
  return true;
};

/** Who reads, and from where: a session or an API token. */
export interface Reader<User extends CallerUser = CallerUser> {
  user: User;
  ip: string;
}

/**
 * The caller of a field that only reads the caller's own data (or, for staff, others'): a live
 * session or a live API token. Fields that change anything use `requireSession`.
 */
export function requireUser<User extends CallerUser, Session>(context: RequestContext<User, Session>): Reader<User> {
  const { caller } = context;
  if (caller.kind === 'session' || caller.kind === 'api-token') return { user: caller.user, ip: context.client.ip ?? 'unknown' };
  throw endedOrMissing(caller);
}

/** A live session: what every change needs. An API token never passes here. */
export function requireSession<User extends CallerUser, Session>(context: RequestContext<User, Session>): SignedInContext<User, Session> {
  const { caller } = context;
  if (caller.kind === 'session') return context as SignedInContext<User, Session>;
  if (caller.kind === 'api-token') throw fail('TOKEN_SCOPE');
  throw endedOrMissing(caller);
}

function endedOrMissing(caller: Caller) {
  if (caller.kind === 'dead-session') return fail('SESSION_ENDED');
  if (caller.kind === 'dead-api-token') return fail('API_TOKEN_ENDED');
  return fail('NOT_SIGNED_IN');
}
