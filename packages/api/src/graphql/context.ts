import type { SessionEntity } from '../modules/auth/entities/session.entity';
import type { UserEntity } from '../modules/auth/entities/user.entity';
import type { ClientInfo } from '../modules/auth/session.service';
import type { Logger } from '../shared/logger';

/** Who is calling, as far as the request's token tells. */
export type Caller =
  | { kind: 'anonymous' }
  /** A token came with the request but opens nothing (revoked, expired, unknown). */
  | { kind: 'dead-session' }
  | { kind: 'session'; session: SessionEntity; user: UserEntity };

/** A resolver class, as type-graphql names it when it asks the container for an instance. */
export type ResolverClass = abstract new (...args: never[]) => object;

export interface RequestContext {
  caller: Caller;
  client: ClientInfo;
  /** The app logger with this request's id. */
  logger: Logger;
  /** Hands a new session to the browser (HttpOnly cookie); API clients use the token in the body. */
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** The "Remember this browser" cookie the request carries, if any. */
  rememberedBrowser: string | undefined;
  setRememberedBrowserCookie(value: string, expiresAt: Date): void;
  clearRememberedBrowserCookie(): void;
  /** Whether the caller must turn 2FA on before anything else (required, grace period over). Asked once per request. */
  twoFactorOverdue(): Promise<boolean>;
  /** Resolver instances for this app (type-graphql asks here instead of constructing them). */
  resolvers: ReadonlyMap<ResolverClass, object>;
}

export type SignedInContext = RequestContext & { caller: Extract<Caller, { kind: 'session' }> };
