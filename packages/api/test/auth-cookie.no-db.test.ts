import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { authCookie } from '../src/http/cookies';
import { newOpaqueToken } from '../src/shared/opaque-token';

const DAY_MS = 24 * 60 * 60 * 1000;

function answer(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

const setCookieLines = (res: ServerResponse) => res.getHeader('Set-Cookie') as string[];

describe('our cookies’ Set-Cookie lines', () => {
  it('carry the token, its lifetime both ways, the path and the flags, in the order browsers have always had them', () => {
    const session = authCookie({ name: 'latchkey_session', secure: true, path: '/' });
    const token = newOpaqueToken();
    const res = answer();
    const before = Date.now();
    session.set(res, token, DAY_MS + 999);
    const [line] = setCookieLines(res);
    const match = /^latchkey_session=([^;]+); Max-Age=86400; Path=\/; Expires=([^;]+); HttpOnly; Secure; SameSite=Lax$/.exec(line!);
    expect(match?.[1]).toBe(token);
    const expires = Date.parse(match![2]!);
    expect(expires).toBeGreaterThanOrEqual(Math.floor((before + DAY_MS) / 1000) * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + DAY_MS + 999);
  });

  it('leave Secure out when told (plain HTTP in development), and never go below a lifetime of 0', () => {
    const device = authCookie({ name: 'latchkey_device', secure: false, path: '/graphql' });
    const res = answer();
    device.set(res, newOpaqueToken(), -5_000);
    expect(setCookieLines(res)[0]).toMatch(/^latchkey_device=[\w-]{43}; Max-Age=0; Path=\/graphql; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
  });

  it('take a token after an id and a dot as it is ("Remember this browser")', () => {
    const remembered = authCookie({ name: 'latchkey_browser', secure: true, path: '/graphql' });
    const value = `${randomUUID()}.${newOpaqueToken()}`;
    const res = answer();
    remembered.set(res, value, DAY_MS);
    expect(setCookieLines(res)[0]).toContain(`latchkey_browser=${value}; Max-Age=86400;`);
  });

  it('add up on one answer, and clear a cookie with an empty value that expired long ago', () => {
    const session = authCookie({ name: 'latchkey_session', secure: true, path: '/' });
    const device = authCookie({ name: 'latchkey_device', secure: true, path: '/graphql' });
    const res = answer();
    device.set(res, newOpaqueToken(), DAY_MS);
    session.clear(res);
    const lines = setCookieLines(res);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^latchkey_device=/);
    expect(lines[1]).toBe('latchkey_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax');
  });

  it('refuse a value that is not an opaque token, which could end the value early or add an attribute', () => {
    const session = authCookie({ name: 'latchkey_session', secure: true, path: '/' });
    const res = answer();
    expect(() => session.set(res, 'x; Domain=evil.example', DAY_MS)).toThrow('the latchkey_session cookie holds an opaque token');
    expect(res.getHeader('Set-Cookie')).toBeUndefined();
    expect(() => authCookie({ name: 'bad name;', secure: true, path: '/' })).toThrow('not a cookie name');
  });
});
