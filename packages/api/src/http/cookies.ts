import type { IncomingMessage, ServerResponse } from 'node:http';
import { serialize } from 'cookie';

/** One of our HttpOnly cookies: the session, or "Remember this browser" (which only /graphql reads). */
export interface AuthCookieOptions {
  name: string;
  secure: boolean;
  path: string;
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

// HttpOnly: scripts never see the token. SameSite=Lax: other sites' forms cannot post with it.
// Browsers follow Max-Age, counted from when they got the cookie whatever their clock says; Expires
// (as Express wrote it too) is only for clients that know no Max-Age.
export function setAuthCookie(res: ServerResponse, options: AuthCookieOptions, value: string, maxAgeMs: number): void {
  const ms = Math.max(0, maxAgeMs);
  appendSetCookie(
    res,
    serialize(options.name, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: options.path,
      maxAge: Math.floor(ms / 1000),
      expires: new Date(Date.now() + ms),
    }),
  );
}

export function clearAuthCookie(res: ServerResponse, options: AuthCookieOptions): void {
  appendSetCookie(
    res,
    serialize(options.name, '', { httpOnly: true, sameSite: 'lax', secure: options.secure, path: options.path, expires: new Date(1) }),
  );
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
