import type { RequestContext } from '../../graphql/context';
import { AuthPayload } from './dto/auth-payload.type';
import type { IssuedSession } from './session.service';
import type { UserEntity } from './entities/user.entity';

/** Hands a new session to the caller: the token in the answer, and the HttpOnly cookie for the panel. */
export function startSession({ token, session, user }: IssuedSession & { user: UserEntity }, context: RequestContext): AuthPayload {
  context.setSessionCookie(token, session.expiresAt);
  return Object.assign(new AuthPayload(), { token, user });
}
