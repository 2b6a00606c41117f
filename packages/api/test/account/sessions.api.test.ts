import { readOutbox } from '../../src/delivery/outbox/outbox';
import { KnownDeviceEntity } from '../../src/modules/auth/devices/known-device.entity';
import { SessionEntity } from '../../src/modules/auth/entities/session.entity';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { errorCode, type GraphQLClient, type GraphQLResponse } from '../support/graphql-client';
import { OPS, PASSWORD, enableTotp, followEmailLink, nextTotpStep, registerUser, totpNow, uniqueEmail } from '../support/flows';
import { startTestApp, TEST_DATABASE, type TestApp } from '../support/test-app';

const SESSIONS = `query { sessions { id device ip createdAt lastSeenAt current secondFactor secondFactorMethod } }`;
const REVOKE = `mutation Revoke($id: ID!) { revokeSession(id: $id) }`;
const REVOKE_OTHERS = `mutation { revokeOtherSessions }`;
const EVENTS = `query { securityEvents(first: 50) { type detail count } }`;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface ListedSession {
  id: string;
  device: string;
  ip: string | null;
  current: boolean;
  secondFactor: string | null;
  secondFactorMethod: string | null;
}

const reasonOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.reason;

describe(`sessions and new devices on ${TEST_DATABASE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CODES_PER_IP_PER_HOUR: '0' });
  });
  afterAll(() => t.close());

  const list = async (client: GraphQLClient) => (await client.request(SESSIONS)).data!.sessions as ListedSession[];
  const signIn = async (email: string, userAgent: string, client: GraphQLClient = t.client) => {
    const res = await client.request(OPS.LOGIN, { email, password: PASSWORD }, { 'user-agent': userAgent });
    return t.client.withToken(res.data!.login.token as string);
  };
  const noticesTo = async (email: string) =>
    (await readOutbox(t.config.delivery.outboxPath)).filter((m) => m.to === email && m.subject === 'HOSTKEY: sign-in from a new device');

  it('lists the live sessions, this one marked, with device, address and how the second step was passed', async () => {
    const user = await registerUser(t, 'lister');
    const firefox = await signIn(user.email, FIREFOX);
    const phone = await signIn(user.email, CHROME_ANDROID);
    const ended = await signIn(user.email, FIREFOX);
    await ended.request(OPS.LOGOUT);

    const sessions = await list(firefox);
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const current = sessions.find((s) => s.current)!;
    expect(current).toMatchObject({ device: 'Firefox on Linux', ip: expect.stringMatching(/127\.0\.0\.1/), secondFactor: 'NONE' });
    expect(sessions.map((s) => s.device).sort()).toEqual(['Chrome on Android', 'Firefox on Linux', 'Unknown browser']);
    expect((await list(phone)).find((s) => s.current)!.device).toBe('Chrome on Android');
    // The id is no token: it opens nothing.
    expect(errorCode(await t.client.withToken(current.id).request(OPS.ME))).toBe('UNAUTHENTICATED');
  });

  it('says which second factor each sign-in passed: a code, a recovery code or a remembered browser', async () => {
    const user = await registerUser(t, 'factors');
    const { secret, recoveryCodes } = await enableTotp(t, user);
    const challenge = async (client: GraphQLClient, code: string, rememberBrowser = false) => {
      const { challengeId } = (await client.request(OPS.LOGIN, { email: user.email, password: PASSWORD })).data!.login;
      const res = await client.request(
        `mutation($id: ID!, $code: String!, $remember: Boolean!) { verifyLoginChallenge(challengeId: $id, code: $code, rememberBrowser: $remember) { token } }`,
        { id: challengeId, code, remember: rememberBrowser },
      );
      return res.data!.verifyLoginChallenge.token as string;
    };
    const browser = t.client.withCookies();
    nextTotpStep(t);
    const byCode = await challenge(browser, totpNow(t, secret), true);
    const byRecovery = await challenge(t.client, recoveryCodes[0]!);
    const byRemembered = (await browser.request(OPS.LOGIN, { email: user.email, password: PASSWORD })).data!.login.token as string;

    const sessions = await list(t.client.withToken(byRemembered));
    const byId = new Map<string, ListedSession>();
    for (const token of [byCode, byRecovery, byRemembered]) {
      const found = (await list(t.client.withToken(token))).find((s) => s.current)!;
      byId.set(token, found);
    }
    expect(byId.get(byCode)).toMatchObject({ secondFactor: 'CODE', secondFactorMethod: 'TOTP' });
    expect(byId.get(byRecovery)).toMatchObject({ secondFactor: 'RECOVERY_CODE', secondFactorMethod: null });
    expect(byId.get(byRemembered)).toMatchObject({ secondFactor: 'REMEMBERED_BROWSER', secondFactorMethod: null });
    // Enabling 2FA ended the sessions from before: only the three sign-ins since (and the one that enabled it) are live.
    expect(sessions).toHaveLength(4);
  });

  it('leaves out sessions idle too long', async () => {
    const user = await registerUser(t, 'idle');
    const other = await signIn(user.email, FIREFOX);
    t.clock.advance(20 * MINUTE);
    await user.client.request(OPS.ME);
    t.clock.advance(15 * MINUTE);
    expect((await list(user.client)).map((s) => s.current)).toEqual([true]);
    expect(errorCode(await other.request(OPS.ME))).toBe('UNAUTHENTICATED');
  });

  it('revokes one session at once, refusing other users’ and unknown ids alike', async () => {
    const alice = await registerUser(t, 'alice');
    const bob = await registerUser(t, 'bob');
    const alicePhone = await signIn(alice.email, CHROME_ANDROID);
    const bobSession = (await list(bob.client))[0]!;
    const phoneSession = (await list(alice.client)).find((s) => s.device === 'Chrome on Android')!;

    for (const id of [bobSession.id, '00000000-0000-0000-0000-000000000000', 'not-an-id']) {
      const refused = await alice.client.request(REVOKE, { id });
      expect([errorCode(refused), reasonOf(refused), refused.errors![0]!.extensions!.field]).toEqual([
        'BAD_USER_INPUT',
        'NO_SUCH_SESSION',
        'id',
      ]);
    }
    expect((await bob.client.request(OPS.ME)).data!.me.email).toBe(bob.email);

    expect((await alice.client.request(REVOKE, { id: phoneSession.id })).data).toEqual({ revokeSession: true });
    expect(errorCode(await alicePhone.request(OPS.ME))).toBe('UNAUTHENTICATED');
    expect(reasonOf(await alice.client.request(REVOKE, { id: phoneSession.id }))).toBe('NO_SUCH_SESSION');
    const events = (await alice.client.request(EVENTS)).data!.securityEvents;
    expect(events[0]).toEqual({ type: 'SESSION_REVOKED', detail: 'Chrome on Android', count: 1 });
  });

  it('revokes this session too, clearing its cookie, like signing out', async () => {
    const user = await registerUser(t, 'self');
    const browser = t.client.withCookies();
    await browser.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    const mine = (await list(browser)).find((s) => s.current)!;
    const res = await browser.request(REVOKE, { id: mine.id });
    expect(res.data).toEqual({ revokeSession: true });
    expect(browser.cookie('latchkey_session')).toBeUndefined();
    expect((await browser.request(OPS.ME)).data!.me).toBeNull();
  });

  it('signs out everywhere else, answering how many, and nothing the second time', async () => {
    const user = await registerUser(t, 'everywhere');
    const others = [await signIn(user.email, FIREFOX), await signIn(user.email, CHROME_ANDROID)];
    expect((await user.client.request(REVOKE_OTHERS)).data).toEqual({ revokeOtherSessions: 2 });
    for (const other of others) expect(errorCode(await other.request(OPS.ME))).toBe('UNAUTHENTICATED');
    expect((await list(user.client)).map((s) => s.current)).toEqual([true]);
    expect((await user.client.request(REVOKE_OTHERS)).data).toEqual({ revokeOtherSessions: 0 });
    const events = (await user.client.request(EVENTS)).data!.securityEvents;
    expect(events.filter((e: { type: string }) => e.type === 'OTHER_SESSIONS_REVOKED')).toEqual([
      { type: 'OTHER_SESSIONS_REVOKED', detail: null, count: 2 },
    ]);
    expect(errorCode(await t.client.request(REVOKE_OTHERS))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.client.request(SESSIONS))).toBe('UNAUTHENTICATED');
  });

  it('ends a session once when ten requests revoke it at once', async () => {
    const user = await registerUser(t, 'double');
    const other = await signIn(user.email, FIREFOX);
    const target = (await list(user.client)).find((s) => !s.current)!;
    const results = await Promise.all(Array.from({ length: 10 }, () => user.client.request(REVOKE, { id: target.id })));
    expect(results.filter((r) => r.data?.revokeSession === true)).toHaveLength(1);
    expect(results.filter((r) => reasonOf(r) === 'NO_SUCH_SESSION')).toHaveLength(9);
    expect(errorCode(await other.request(OPS.ME))).toBe('UNAUTHENTICATED');
    const revoked = await t.app.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: target.id });
    expect(revoked.revokedAt).not.toBeNull();
    const events = (await user.client.request(EVENTS)).data!.securityEvents.filter((e: { type: string }) => e.type === 'SESSION_REVOKED');
    expect(events).toHaveLength(1);
  });

  describe('a sign-in from a device not seen in 30 days', () => {
    it('is e-mailed to the owner, once per device; the browser of the registration and a known one are not', async () => {
      const email = uniqueEmail('devices');
      const laptop = t.client.withCookies();
      await laptop.request(OPS.REGISTER, { email, password: PASSWORD }, { 'user-agent': FIREFOX });
      await followEmailLink(t.client, t.config.delivery.outboxPath, email);
      const cookie = laptop.cookie('latchkey_device')!;
      expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);

      await signIn(email, FIREFOX, laptop);
      expect(await noticesTo(email)).toHaveLength(0);

      const phone = t.client.withCookies();
      const fromPhone = await phone.request(OPS.LOGIN, { email, password: PASSWORD }, { 'user-agent': CHROME_ANDROID });
      expect(fromPhone.headers.getSetCookie().find((c) => c.startsWith('latchkey_device='))).toMatch(
        /HttpOnly; SameSite=Lax$|HttpOnly.*SameSite=Lax/,
      );
      expect(fromPhone.headers.getSetCookie().find((c) => c.startsWith('latchkey_device='))).toMatch(/Path=\/graphql/);
      const [notice] = await noticesTo(email);
      expect(notice!.text).toContain('from a device not seen in the last 30 days: Chrome on Android, IP address');
      await signIn(email, CHROME_ANDROID, phone);
      expect(await noticesTo(email)).toHaveLength(1);
      const types = (await signIn(email, FIREFOX, laptop).then((c) => c.request(EVENTS))).data!.securityEvents.map(
        (e: { type: string }) => e.type,
      );
      expect(types.filter((type: string) => type === 'NEW_DEVICE_SIGN_IN')).toHaveLength(1);

      // Thirty-one days later the laptop is new again; the phone, used meanwhile, is not.
      t.clock.advance(29 * DAY);
      await signIn(email, CHROME_ANDROID, phone);
      t.clock.advance(2 * DAY);
      await signIn(email, CHROME_ANDROID, phone);
      expect(await noticesTo(email)).toHaveLength(1);
      await signIn(email, FIREFOX, laptop);
      expect(await noticesTo(email)).toHaveLength(2);
    });

    it('knows a client that keeps no cookies by its user agent and address', async () => {
      const user = await registerUser(t, 'api-client');
      await signIn(user.email, 'integrator-script/1.0');
      await signIn(user.email, 'integrator-script/1.0');
      expect(await noticesTo(user.email)).toHaveLength(1);
      await signIn(user.email, 'integrator-script/2.0');
      expect(await noticesTo(user.email)).toHaveLength(2);
    });

    it('gives a client that keeps no cookies one device, the same cookie at each sign-in', async () => {
      const user = await registerUser(t, 'api-client-rows');
      const { id: userId } = await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email: user.email });
      const devices = () => t.app.dataSource.getRepository(KnownDeviceEntity).countBy({ userId });
      const deviceCookieOf = async () => {
        const res = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD }, { 'user-agent': 'integrator-script/1.0' });
        return res.headers
          .getSetCookie()
          .find((c) => c.startsWith('latchkey_device='))!
          .split(';')[0]!;
      };
      const before = await devices();
      const cookies = [await deviceCookieOf(), await deviceCookieOf(), await deviceCookieOf()];
      expect(new Set(cookies).size).toBe(1);
      expect(cookies[0]).toMatch(/^latchkey_device=[A-Za-z0-9_-]{43}$/);
      expect(await devices()).toBe(before + 1);

      // The cookie it was given, sent back, is that same device: known, and no row more.
      await t.client.request(
        OPS.LOGIN,
        { email: user.email, password: PASSWORD },
        { 'user-agent': 'integrator-script/3.0', cookie: cookies[0]! },
      );
      expect(await devices()).toBe(before + 1);
      expect(await noticesTo(user.email)).toHaveLength(1);
    });

    it('tells once when ten sign-ins from one new device race', async () => {
      const user = await registerUser(t, 'device-race');
      await Promise.all(Array.from({ length: 10 }, () => signIn(user.email, 'racing-client/1.0')));
      expect(await noticesTo(user.email)).toHaveLength(1);
    });
  });
});
