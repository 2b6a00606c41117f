import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorCode } from './support/graphql-client';
import { OPS, PASSWORD, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow } from './support/flows';
import { startTestApp, type TestApp } from './support/test-app';

const ALLOWED_ORIGIN = 'https://panel.hostkey.example';

function builtPanel(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'latchkey-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>panel</title>');
  return dist;
}

describe('ASVS V3.4.1 (5.0 V4.3.2): production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://panel.hostkey.example',
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      EMAIL_PROVIDER: 'sendgrid',
      SENDGRID_API_KEY: 'SG.unused',
      EMAIL_FROM: 'security@hostkey.example',
      SMS_PROVIDER: 'vonage',
      VONAGE_API_KEY: 'unused',
      VONAGE_API_SECRET: 'unused',
      WEBAUTHN_RP_ID: 'panel.example.com',
      WEBAUTHN_ORIGINS: 'https://panel.example.com',
      CORS_ORIGINS: ALLOWED_ORIGIN,
      WEB_DIST_DIR: builtPanel(),
    });
  });
  afterAll(() => t.close());

  it('sets Secure on the session cookie', async () => {
    const user = await registerUser(t);
    const res = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('turns off introspection, "did you mean" hints and the sandbox page', async () => {
    const introspection = await t.client.request('{ __schema { types { name } } }');
    expect(errorCode(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await t.client.request('{ mee { id } }');
    // graphql-js would add ' Did you mean "me"?': the rest of the message stays.
    expect(typo.errors![0]!.message).toBe('Cannot query field "mee" on type "Query".');
    // No landing page: a browser visit is treated as an ordinary (refused) GraphQL request.
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(page.status).toBe(400);
  });

  it('sends security headers everywhere and the Content-Security-Policy on the panel', async () => {
    const panel = await fetch(`${t.url}/settings/2fa`, { headers: { accept: 'text/html' } });
    expect(panel.status).toBe(200);
    expect(panel.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(panel.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(panel.headers.get('content-security-policy')).toContain("img-src 'self' data:");
    for (const res of [panel, await fetch(`${t.url}/healthz`)]) {
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('lets no browser or proxy keep a GraphQL answer: they hold tokens, secrets and codes', async () => {
    const user = await registerUser(t);
    const signedIn = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    const token = signedIn.data!.login.token as string;
    const byGet = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ twoFactorSettings { enabled } }')}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    const unreadable = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(await byGet.json()).toEqual({ data: { twoFactorSettings: { enabled: false } } });
    expect(unreadable.status).toBe(400);
    for (const res of [signedIn, byGet, unreadable]) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('allows CORS only for the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const post = await t.client.request('{ me { id } }', {}, { origin: 'https://evil.example' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('operations: readiness, metrics, request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz', async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('echoes a plain X-Request-Id, replaces an odd one, and logs the request with it', async () => {
    const given = await t.client.request(OPS.ME, {}, { 'x-request-id': 'trace-123' });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const odd = await t.client.request(OPS.ME, {}, { 'x-request-id': 'an id with spaces and <tags>' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = t
      .logs()
      .split('\n')
      .find((l) => l.includes('"requestId":"trace-123"'));
    expect(JSON.parse(line!)).toMatchObject({ msg: 'graphql request', requestId: 'trace-123', type: 'query' });
  });

  it('counts requests, errors by code, 2FA checks by method and outcome, and codes sent', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const { challengeId } = await loginChallenge(t, user.email);
    await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, secret) === '000000' ? '111111' : '000000' });
    nextTotpStep(t);
    await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, secret) });
    await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '+4915112345678', proof: 'zzzz-zzzz-zzzz' } });

    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/latchkey_graphql_requests_total\{type="mutation"\} \d+/);
    expect(text).toMatch(/latchkey_graphql_errors_total\{code="INVALID_CODE"\} 2/);
    expect(text).toMatch(/latchkey_two_factor_checks_total\{method="TOTP",outcome="valid"\} 2/);
    expect(text).toMatch(/latchkey_two_factor_checks_total\{method="TOTP",outcome="invalid"\} 1/);
    expect(text).toMatch(/latchkey_two_factor_checks_total\{method="RECOVERY",outcome="invalid"\} 1/);
    expect(text).toMatch(/latchkey_two_factor_lockouts_total 0/);
    expect(text).toMatch(/latchkey_process_cpu_seconds_total/);

    const address = `metrics.${Date.now()}@example.com`;
    const other = await registerUser(t);
    await other.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    expect(await (await fetch(`${t.url}/metrics`)).text()).toMatch(
      /latchkey_codes_sent_total\{channel="EMAIL",provider="outbox",outcome="sent"\} 1/,
    );
  });
});
