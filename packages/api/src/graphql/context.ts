import type { ClientInfo } from '../shared/client-info';

/**
 * What this layer needs to know of a signed-in user: who, and with which role (for
 * `@Authorized(role…)`). The accounts module supplies its own user and session types in their place.
 */
export interface CallerUser {
  readonly id: string;
  readonly role: string;
}

/**
 * An API token, as this layer sees it: which root fields its scopes reach, and a note that it was
 * used. What each scope reaches is the token module's business, not this layer's.
 */
export interface ApiTokenCaller {
  readonly id: string;
  /** Whether the token's scopes reach this root field, named `Query.securityLog`. */
  reaches(coordinate: string): boolean;
  /** Notes a use of the token once a request of it is let through (at most one write a minute). */
  used(): Promise<void>;
}

/** Who is calling, as far as the request's token tells. */
export type Caller<User extends CallerUser = CallerUser, Session = unknown> =
  | { kind: 'anonymous' }
  /** A token came with the request but opens nothing (revoked, expired, unknown). */
  | { kind: 'dead-session' }
  /** An API token (`lk_…`) came with the request but opens nothing (revoked, expired, unknown). */
  | { kind: 'dead-api-token' }
  | { kind: 'session'; session: Session; user: User }
  /** An integrator's API token: it reads what its scopes reach, on its owner's behalf, and changes nothing. */
  | { kind: 'api-token'; apiToken: ApiTokenCaller; user: User };

/** What an API token a request carries opens: its owner and what it reaches, or nothing. */
export type ApiTokenLookup<User extends CallerUser> = Extract<Caller<User>, { kind: 'api-token' | 'dead-api-token' }>;

/** Looks up the API token a request carries, when it carries one instead of a session token. */
export interface ApiTokenAuthenticator<User extends CallerUser> {
  /** Whether a bearer token is shaped like an API token (they and session tokens never look alike). */
  isApiToken(token: string): boolean;
  authenticate(token: string): Promise<ApiTokenLookup<User>>;
}

/** A resolver class, as type-graphql names it when it asks the container for an instance. */
export type ResolverClass = abstract new (...args: never[]) => object;

export interface RequestContext<User extends CallerUser = CallerUser, Session = unknown> {
  caller: Caller<User, Session>;
  client: ClientInfo;
  /** The id the request was answered under (X-Request-Id). */
  requestId: string;
  /** Hands a new session to the browser (HttpOnly cookie); API clients use the token in the body. */
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** The "Remember this browser" cookie the request carries, if any. */
  rememberedBrowser: string | undefined;
  setRememberedBrowserCookie(value: string, expiresAt: Date): void;
  clearRememberedBrowserCookie(): void;
  /** The device cookie the request carries, if any: how a browser is recognised at its next sign-in. */
  deviceCookie: string | undefined;
  setDeviceCookie(value: string, expiresAt: Date): void;
  /** Resolves once the answer to this request has been sent (or the connection closed). */
  answered(): Promise<void>;
  /** Whether the caller must turn 2FA on before anything else (required, grace period over). Asked once per request. */
  twoFactorOverdue(): Promise<boolean>;
  /** Resolver instances for this app (type-graphql asks here instead of constructing them). */
  resolvers: ReadonlyMap<ResolverClass, object>;
}

export type SignedInContext<User extends CallerUser = CallerUser, Session = unknown> = RequestContext<User, Session> & {
  caller: Extract<Caller<User, Session>, { kind: 'session' }>;
};
