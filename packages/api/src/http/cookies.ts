import type { IncomingMessage, ServerResponse } from 'node:http';

/** One of our HttpOnly cookies: the session, or "Remember this browser" (which only /graphql reads). */
export interface AuthCookieOptions {
  name: string;
  secure: boolean;
  path: string;
}

/** Sets and clears one of our cookies on an answer. */
export interface AuthCookie {
  readonly name: string;
  /** `value` is an opaque token (perhaps after an id and a dot); the cookie lasts `maxAgeMs`. */
  set(res: ServerResponse, value: string, maxAgeMs: number): void;
  clear(res: ServerResponse): void;
}

const COOKIE_NAME = /^[A-Za-z0-9_]+$/;
/** What our cookies hold: opaque tokens (base64url), some after an id and a dot, or nothing. None needs encoding. */
const COOKIE_VALUE = /^[A-Za-z0-9._-]*$/;
const LONG_AGO = new Date(1).toUTCString();

/**
 * One of our cookies, its Set-Cookie line written as far as it can be at start-up: only the value
 * and its lifetime change from one answer to the next.
 * HttpOnly: scripts never see the token. SameSite=Lax: other sites' forms cannot post with it.
 * Browsers follow Max-Age, counted from when they got the cookie whatever their clock says; Expires
 * (as Express wrote it too) is only for clients that know no Max-Age.
 */
export function authCookie(options: AuthCookieOptions): AuthCookie {
  if (!COOKIE_NAME.test(options.name)) throw new Error(`not a cookie name: ${options.name}`);
  const path = `; Path=${options.path}`;
  const flags = `; HttpOnly${options.secure ? '; Secure' : ''}; SameSite=Lax`;
  return {
    name: options.name,
    set(res, value, maxAgeMs) {
      // Anything else would have to be encoded, and could end the value early: a bug, never sent.
      if (!COOKIE_VALUE.test(value)) throw new Error(`the ${options.name} cookie holds an opaque token, and this is none`);
      const ms = Math.max(0, maxAgeMs);
      const expires = new Date(Date.now() + ms).toUTCString();
      appendSetCookie(res, `${options.name}=${value}; Max-Age=${Math.floor(ms / 1000)}${path}; Expires=${expires}${flags}`);
    },
    clear(res) {
      appendSetCookie(res, `${options.name}=${path}; Expires=${LONG_AGO}${flags}`);
    },
  };
}

/** The value of one cookie from the request's Cookie header, or undefined. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Another Set-Cookie line: an answer may set the session and the device cookie at once. */
function appendSetCookie(res: ServerResponse, line: string): void {
  const earlier = res.getHeader('Set-Cookie');
  const lines = earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [String(earlier)];
  res.setHeader('Set-Cookie', [...lines, line]);
}

/** The session token of a request: `Authorization: Bearer` for API clients, else the panel's cookie. */
export function readSessionToken(req: IncomingMessage, cookieName: string): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  return readCookie(req, cookieName);
}
