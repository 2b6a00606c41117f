import { UserEntity } from '../src/modules/auth/entities/user.entity';
import { SessionEntity } from '../src/modules/auth/entities/session.entity';
import { DEFAULT_LOGIN_THROTTLE } from '../src/modules/auth/login-throttle';
import { errorCode, type GraphQLClient } from './support/graphql-client';
import { startTestApp, type TestApp } from './support/test-app';

const REGISTER = `mutation Register($email: String!, $password: String!) {
  register(email: $email, password: $password) { token user { id email role createdAt } }
}`;
const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on AuthPayload { token user { email } }
    ... on TwoFactorChallenge { challengeId }
  }
}`;
const ME = `query Me { me { id email role } }`;
const LOGOUT = `mutation Logout { logout }`;

const PASSWORD = 'correct horse battery';
let uniqueCounter = 0;
const uniqueEmail = (label = 'user') => `${label}.${process.pid}.${++uniqueCounter}@example.com`;

describe('WSTG-SESS-06, WSTG-SESS-07, ASVS V3.2.1, V3.3.1, V3.3.2, V3.4.2, V3.4.3 (5.0 V7.2.4, V7.3.1, V7.3.2, V7.4.1, V6.3.8), 800-63B 4.2.3: accounts and sessions over HTTP', () => {
  let t: TestApp;
  let anon: GraphQLClient;

  beforeAll(async () => {
    t = await startTestApp();
    anon = t.client;
  });
  afterAll(() => t.close());

  async function register(email = uniqueEmail(), password = PASSWORD) {
    const res = await anon.request(REGISTER, { email, password });
    expect(res.errors).toBeUndefined();
    return { email, token: res.data!.register.token as string, userId: res.data!.register.user.id as string };
  }

  const countUsers = (email: string) => t.app.dataSource.getRepository(UserEntity).countBy({ email });

  it('registers, reads me, logs out, and the token is dead after', async () => {
    const email = uniqueEmail('Mixed.Case');
    const res = await anon.request(REGISTER, { email: `  ${email.toUpperCase()} `, password: PASSWORD });
    expect(res.errors).toBeUndefined();
    const { token, user } = res.data!.register;
    expect(user).toMatchObject({ email: email.toLowerCase(), role: 'CUSTOMER' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const bearer = anon.withToken(token);
    expect((await bearer.request(ME)).data!.me).toMatchObject({ id: user.id, email: email.toLowerCase() });
    expect((await bearer.request(LOGOUT)).data!.logout).toBe(true);

    const after = await bearer.request(ME);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.errors![0]!.message).toBe('Your session has ended. Please sign in again.');
  });

  it('stores only the SHA-256 of a session token', async () => {
    const { token, userId } = await register();
    const sessions = await t.app.dataSource.getRepository(SessionEntity).findBy({ userId });
    expect(sessions).toHaveLength(1);
    const stored = JSON.stringify(sessions);
    expect(stored).not.toContain(token);
    expect(sessions[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the browser an HttpOnly SameSite=Lax cookie, honours it, and clears it at logout', async () => {
    const email = uniqueEmail();
    await register(email);
    const browser = anon.withCookies();
    const login = await browser.request(LOGIN, { email, password: PASSWORD });
    // Beside it comes the device cookie (recognising this browser at its next sign-in).
    const setCookie = login.headers.getSetCookie().find((cookie) => cookie.startsWith('latchkey_session='))!;
    expect(setCookie).toMatch(/^latchkey_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // Secure only in production
    expect(setCookie).toMatch(/Max-Age=43200/); // 12 hours

    expect((await browser.request(ME)).data!.me.email).toBe(email);
    await browser.request(LOGOUT);
    expect(browser.cookie('latchkey_session')).toBeUndefined();
    expect((await browser.request(ME)).data!.me).toBeNull();
  });

  it('issues a new token at every login', async () => {
    const { email, token: first } = await register();
    const second = (await anon.request(LOGIN, { email, password: PASSWORD })).data!.login;
    const third = (await anon.request(LOGIN, { email, password: PASSWORD })).data!.login;
    expect(second.__typename).toBe('AuthPayload');
    expect(new Set([first, second.token, third.token]).size).toBe(3);
  });

  it('answers an unknown e-mail and a wrong password with the same error', async () => {
    const { email } = await register();
    const wrongPassword = await anon.request(LOGIN, { email, password: 'not the password' });
    const unknownEmail = await anon.request(LOGIN, { email: uniqueEmail('nobody'), password: PASSWORD });
    expect(wrongPassword.errors).toEqual(unknownEmail.errors);
    expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors![0]!.message).toBe('Incorrect e-mail or password.');
  });

  it.each([
    ['a short password', uniqueEmail(), 'short', 'password'],
    ['a password over 256 characters', uniqueEmail(), 'x'.repeat(257), 'password'],
    ['a malformed e-mail', 'not-an-email', PASSWORD, 'email'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, email, password, field) => {
    const res = await anon.request(REGISTER, { email, password });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(await countUsers(email.toLowerCase())).toBe(0);
  });

  it('accepts passwords of exactly 8 and 256 characters', async () => {
    await register(uniqueEmail(), '12345678');
    await register(uniqueEmail(), 'y'.repeat(256));
  });

  it('refuses a duplicate e-mail, also when two registrations race, leaving one account', async () => {
    const email = uniqueEmail('dup');
    const racing = await Promise.all(Array.from({ length: 5 }, () => anon.request(REGISTER, { email, password: PASSWORD })));
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    for (const loser of racing.filter((r) => r.errors)) {
      expect(errorCode(loser)).toBe('BAD_USER_INPUT');
      expect(loser.errors![0]!.message).toBe('An account with this e-mail address already exists.');
    }
    const again = await anon.request(REGISTER, { email: email.toUpperCase(), password: PASSWORD });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(await countUsers(email)).toBe(1);
  });

  it('treats a malformed or unknown bearer token as a dead session', async () => {
    for (const token of ['', 'garbage', 'A'.repeat(43)]) {
      const res = await anon.request(ME, {}, { authorization: `Bearer ${token}` });
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('answers null for me without a session, and logout is harmless', async () => {
    expect((await anon.request(ME)).data!.me).toBeNull();
    expect((await anon.request(LOGOUT)).data!.logout).toBe(true);
  });

  it('ends a session after 30 minutes idle, and keeps an active one alive', async () => {
    const { token } = await register();
    const client = anon.withToken(token);
    t.clock.advance(29 * 60_000);
    expect((await client.request(ME)).data!.me).not.toBeNull();
    t.clock.advance(29 * 60_000); // 58 minutes after sign-in, 29 after the last use
    expect((await client.request(ME)).data!.me).not.toBeNull();
    t.clock.advance(30 * 60_000);
    expect(errorCode(await client.request(ME))).toBe('UNAUTHENTICATED');
  });

  it('ends even an active session 12 hours after sign-in', async () => {
    const { token } = await register();
    const client = anon.withToken(token);
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      t.clock.advance(20 * 60_000);
      const res = await client.request(ME);
      if (elapsed + 20 < 12 * 60) expect(res.data!.me).not.toBeNull();
      else expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('locks password sign-in for an account after 10 wrong passwords, with retryAfterSeconds', async () => {
    const { email } = await register();
    for (let i = 0; i < DEFAULT_LOGIN_THROTTLE.maxFailuresPerAccount; i++) {
      expect(errorCode(await anon.request(LOGIN, { email, password: `wrong ${i}` }))).toBe('UNAUTHENTICATED');
    }
    const locked = await anon.request(LOGIN, { email, password: PASSWORD });
    expect(errorCode(locked)).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.errors![0]!.extensions!.retryAfterSeconds).toBe(15 * 60);

    t.clock.advance(5 * 60_000);
    const stillLocked = await anon.request(LOGIN, { email, password: PASSWORD });
    expect(stillLocked.errors![0]!.extensions!.retryAfterSeconds).toBe(10 * 60);

    t.clock.advance(10 * 60_000);
    expect((await anon.request(LOGIN, { email, password: PASSWORD })).data!.login.__typename).toBe('AuthPayload');
  });

  it('counts parallel wrong passwords one by one', async () => {
    const { email } = await register();
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => anon.request(LOGIN, { email, password: `parallel guess ${i}` })),
    );
    const codes = guesses.map(errorCode);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(DEFAULT_LOGIN_THROTTLE.maxFailuresPerAccount);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(25 - DEFAULT_LOGIN_THROTTLE.maxFailuresPerAccount);
    t.clock.advance(DEFAULT_LOGIN_THROTTLE.windowMs);
  });

  it('stops aliased login guesses at the first wrong one, and counts it', async () => {
    const { email } = await register();
    // Ten: as many root fields as one operation may ask for.
    const aliases = Array.from({ length: 10 }, (_, i) => `g${i}: login(email: $email, password: "alias guess ${i}") { __typename }`).join(
      '\n',
    );
    const res = await anon.request(`mutation Guess($email: String!) { ${aliases} }`, { email });
    // login is non-null: the first failure ends the serial mutation, so aliases cannot multiply guesses.
    expect(res.data).toBeNull();
    expect(res.errors!.map((e) => e.extensions!.code)).toEqual(['UNAUTHENTICATED']);
    // That one guess was counted: nine more reach the limit.
    for (let i = 0; i < DEFAULT_LOGIN_THROTTLE.maxFailuresPerAccount - 1; i++) {
      await anon.request(LOGIN, { email, password: `wrong ${i}` });
    }
    expect(errorCode(await anon.request(LOGIN, { email, password: PASSWORD }))).toBe('TOO_MANY_ATTEMPTS');
    t.clock.advance(DEFAULT_LOGIN_THROTTLE.windowMs);
  });

  it('refuses a request a browser form could send from another site (CSRF prevention)', async () => {
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('refuses batched requests', async () => {
    const res = await anon.post(JSON.stringify([{ query: ME }, { query: ME }]));
    expect(res.status).toBe(400);
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('with registration switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REGISTRATION_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('refuses register with FORBIDDEN and writes nothing', async () => {
    const email = uniqueEmail();
    const res = await t.client.request(REGISTER, { email, password: PASSWORD });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(await t.app.dataSource.getRepository(UserEntity).countBy({ email })).toBe(0);
  });

  it('still signs in accounts an operator created', async () => {
    await t.app.modules.auth.accounts.createUser('staff@example.com', PASSWORD, 'SUPPORT' as never);
    const res = await t.client.request(LOGIN, { email: 'staff@example.com', password: PASSWORD });
    expect(res.data!.login.user.email).toBe('staff@example.com');
  });
});
