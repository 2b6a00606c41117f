import type { AuthChecker } from 'type-graphql';
import type { Role } from '../modules/auth/role';
import { AUTH_MESSAGES, AppError } from '../shared/errors';
import type { RequestContext, SignedInContext } from './context';

/**
 * `@Authorized()` needs a live session; `@Authorized(Role.SUPPORT, …)` also one of the roles.
 * It throws coded errors itself, so clients see UNAUTHENTICATED or FORBIDDEN, never a generic one.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  const signedIn = requireSession(context);
  if (roles.length > 0 && !roles.includes(signedIn.caller.user.role)) {
    throw new AppError('FORBIDDEN', AUTH_MESSAGES.FORBIDDEN);
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
