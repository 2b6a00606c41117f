import type { AuthChecker } from 'type-graphql';
import type { Role } from '../modules/auth/role';
import { TWO_FACTOR_MESSAGES } from '../modules/two-factor/two-factor.messages';
import { AUTH_MESSAGES, AppError } from '../shared/errors';
import type { RequestContext, SignedInContext } from './context';

/** What a user past the grace period of required 2FA may still do: set 2FA up. */
const OPEN_WHILE_TWO_FACTOR_OVERDUE = new Set([
  'Query.twoFactorSettings',
  'Mutation.enableTwoFactor',
  'Mutation.resendEnrollmentCode',
  'Mutation.verifyTwoFactor',
]);

/**
 * `@Authorized()` needs a live session; `@Authorized(Role.SUPPORT, …)` also one of the roles; and
 * when the server requires 2FA of the user and the grace period is over, 2FA set up.
 * It throws coded errors itself, so clients see UNAUTHENTICATED or FORBIDDEN, never a generic one.
 */
export const authChecker: AuthChecker<RequestContext, Role> = async ({ context, info }, roles) => {
  const signedIn = requireSession(context);
  if (roles.length > 0 && !roles.includes(signedIn.caller.user.role)) {
    throw new AppError('FORBIDDEN', AUTH_MESSAGES.FORBIDDEN);
  }
  if (!OPEN_WHILE_TWO_FACTOR_OVERDUE.has(`${info.parentType.name}.${info.fieldName}`) && (await context.twoFactorOverdue())) {
    throw new AppError('FORBIDDEN', TWO_FACTOR_MESSAGES.REQUIRED_OVERDUE, { reason: 'TWO_FACTOR_REQUIRED' });
  }
  return true;
};

export function requireSession(context: RequestContext): SignedInContext {
  const { caller } = context;
  if (caller.kind === 'session') return context as SignedInContext;
  if (caller.kind === 'dead-session') {
    throw new AppError('UNAUTHENTICATED', AUTH_MESSAGES.SESSION_ENDED, { reason: 'SESSION_ENDED' });
  }
  throw new AppError('UNAUTHENTICATED', AUTH_MESSAGES.NOT_SIGNED_IN);
}
