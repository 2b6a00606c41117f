import { createHash } from 'node:crypto';
import { latestOutboxRecord } from '../../src/delivery/outbox/outbox';
import { RememberedBrowserEntity } from '../../src/modules/two-factor/remembered-browsers/remembered-browser.entity';
import { OPS, PASSWORD, followEmailLink, nextTotpStep, totpNow, uniqueEmail } from '../support/flows';
import { errorCode, type GraphQLClient, type GraphQLResponse } from '../support/graphql-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * "Remember this browser for 30 days" at the sign-in challenge: a rotating HttpOnly cookie bound to
 * a server-side record the user can list and forget; a 2FA change, a stale copy of the cookie, the
 * end of the 30 days or the operator's REMEMBER_BROWSER_DAYS=0 each bring the code back.
 */

const COOKIE = 'latchkey_browser';
const DAY_MS = 24 * 60 * 60_000;
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on AuthPayload { token }
    ... on TwoFactorChallenge { challengeId rememberBrowserDays }
  }
}`;
const CHALLENGE = `mutation Challenge($challengeId: ID!, $code: String!, $remember: Boolean) {
  verifyLoginChallenge(challengeId: $challengeId, code: $code, rememberBrowser: $remember) { token }
}`;
const LIST = `query { rememberedBrowsers { id label ip createdAt lastUsedAt expiresAt current } }`;
const FORGET = `mutation Forget($id: ID!) { forgetRememberedBrowser(id: $id) }`;
const FORGET_ALL = `mutation { forgetRememberedBrowsers }`;
const EVENT_TYPES = `query { securityEvents { type detail } }`;

interface Account {
  email: string;
  secret: string;
  /** A cookie-keeping client: the browser the account signs in with. */
  browser: GraphQLClient;
}

describe('Remember this browser', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Registers in a browser, turns TOTP on, and signs out: the browser is not remembered yet. */
  async function accountWithTotp(label: string, client: GraphQLClient = t.client.withCookies()): Promise<Account> {
    const email = uniqueEmail(label);
    await client.request(OPS.REGISTER, { email, password: PASSWORD });
    // Verified, so that notices reach the owner.
    await followEmailLink(t.client, t.config.delivery.outboxPath, email);
    const secret = (await client.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor.secret as string;
    await client.request(OPS.VERIFY, { code: totpNow(t, secret) });
    await client.request(OPS.LOGOUT);
    return { email, secret, browser: client };
  }

  const login = (account: Account, browser = account.browser) =>
    browser.request(LOGIN, { email: account.email, password: PASSWORD }, { 'user-agent': FIREFOX });

  /** Signs in with a fresh TOTP code, ticking "Remember this browser" or not. */
  async function signInWithCode(account: Account, remember: boolean, browser = account.browser): Promise<GraphQLResponse> {
    const challenge = await login(account, browser);
    expect(challenge.data!.login.__typename).toBe('TwoFactorChallenge');
    nextTotpStep(t);
    const code = totpNow(t, account.secret);
    return browser.request(CHALLENGE, { challengeId: challenge.data!.login.challengeId, code, remember }, { 'user-agent': FIREFOX });
  }

  async function signOutAndBackIn(account: Account, browser = account.browser): Promise<string> {
    await browser.request(OPS.LOGOUT);
    return (await login(account, browser)).data!.login.__typename as string;
  }

  it('skips the code at the next password sign-in, with a new cookie each time; the token is stored only hashed', async () => {
    const account = await accountWithTotp('remember');
    const challenge = await login(account);
    expect(challenge.data!.login.rememberBrowserDays).toBe(30);

    const verified = await signInWithCode(account, true);
    expect(verified.data!.verifyLoginChallenge.token).toEqual(expect.any(String));
    const setCookie = verified.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\/graphql/);
    expect(setCookie).toMatch(/Max-Age=2592000/);
    const first = account.browser.cookie(COOKIE)!;

    expect(await signOutAndBackIn(account)).toBe('AuthPayload');
    const second = account.browser.cookie(COOKIE)!;
    expect(second).not.toBe(first);
    expect(second.split('.')[0]).toBe(first.split('.')[0]);
    expect((await account.browser.request(OPS.ME)).data!.me.email).toBe(account.email);

    const row = await t.app.dataSource.getRepository(RememberedBrowserEntity).findOneByOrFail({ id: second.split('.')[0] });
    const token = second.split('.')[1]!;
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.label).toBe('Firefox on Windows');

    const events = (await account.browser.request(EVENT_TYPES)).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['BROWSER_REMEMBERED', 'REMEMBERED_BROWSER_SIGN_IN']));
  });

  it('asks for the code without the box ticked, and from an API client that keeps no cookie', async () => {
    const account = await accountWithTotp('unticked');
    await signInWithCode(account, false);
    expect(account.browser.cookie(COOKIE)).toBeUndefined();
    expect(await signOutAndBackIn(account)).toBe('TwoFactorChallenge');

    await signInWithCode(account, true);
    expect((await login(account, t.client)).data!.login.__typename).toBe('TwoFactorChallenge');
  });

  it('lasts 30 days from the ticked box, never extended by use', async () => {
    const account = await accountWithTotp('thirty');
    await signInWithCode(account, true);
    const start = t.clock.now().getTime();

    t.clock.set(start + 29 * DAY_MS);
    const renewed = await account.browser.request(OPS.LOGOUT).then(() => login(account));
    expect(renewed.data!.login.__typename).toBe('AuthPayload');
    // The renewed cookie ends when the record does: one day left, not thirty.
    expect(renewed.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`))).toMatch(/Max-Age=86400;/);

    t.clock.set(start + 30 * DAY_MS);
    expect(await signOutAndBackIn(account)).toBe('TwoFactorChallenge');
  });

  it('remembers a browser for its user only', async () => {
    const owner = await accountWithTotp('owner');
    await signInWithCode(owner, true);
    const sharedBrowser = owner.browser;
    await sharedBrowser.request(OPS.LOGOUT);
    const other = await accountWithTotp('other');
    expect((await login(other, sharedBrowser)).data!.login.__typename).toBe('TwoFactorChallenge');
    expect((await login(owner, sharedBrowser)).data!.login.__typename).toBe('AuthPayload');
  });

  it('lets a stale copy of the cookie in nowhere: once the real browser moved on, the copy forgets the browser and the user is told', async () => {
    const account = await accountWithTotp('copied');
    await signInWithCode(account, true);
    const thief = t.client.withCookies();
    thief.setCookie(COOKIE, account.browser.cookie(COOKIE)!);

    expect(await signOutAndBackIn(account)).toBe('AuthPayload');
    // Long enough after the real browser's sign-in that the copy cannot be a race of its own.
    t.clock.set(t.clock.now().getTime() + 60_000);
    expect((await login(account, thief)).data!.login.__typename).toBe('TwoFactorChallenge');
    expect(await signOutAndBackIn(account)).toBe('TwoFactorChallenge');

    const notice = await latestOutboxRecord(t.config.delivery.outboxPath, { to: account.email });
    expect(notice?.subject).toBe('HOSTKEY: a remembered browser was forgotten');
    await signInWithCode(account, false);
    const events = (await account.browser.request(EVENT_TYPES)).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(events).toContain('REMEMBERED_BROWSER_COPIED');
  });

  it('gives one session to ten sign-ins racing with one cookie; the others are asked for a code, and the browser stays remembered', async () => {
    const account = await accountWithTotp('race');
    await signInWithCode(account, true);
    await account.browser.request(OPS.LOGOUT);
    const copies = Array.from({ length: 10 }, () => {
      const copy = t.client.withCookies();
      copy.setCookie(COOKIE, account.browser.cookie(COOKIE)!);
      return copy;
    });
    const outcomes = await Promise.all(copies.map((copy) => login(account, copy)));
    const kinds = outcomes.map((o) => o.data?.login.__typename);
    expect(kinds.filter((k) => k === 'AuthPayload')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'TwoFactorChallenge')).toHaveLength(9);

    // A race from one browser is no copied cookie: the winner's new cookie still skips the code.
    const winner = copies[kinds.indexOf('AuthPayload')]!;
    await winner.request(OPS.LOGOUT);
    expect((await login(account, winner)).data!.login.__typename).toBe('AuthPayload');
  });

  it('lists the user’s browsers, marks the current one, and forgets one or all', async () => {
    const account = await accountWithTotp('listed');
    await signInWithCode(account, true);
    const laptop = t.client.withCookies();
    await signInWithCode(account, true, laptop);

    const listed = (await account.browser.request(LIST)).data!.rememberedBrowsers;
    expect(listed).toHaveLength(2);
    expect(listed.filter((b: { current: boolean }) => b.current)).toHaveLength(1);
    expect(listed[0]).toMatchObject({ label: 'Firefox on Windows', ip: expect.any(String) });
    const laptopId = laptop.cookie(COOKIE)!.split('.')[0];

    // Another user cannot see or forget them: their id is as unknown as a made-up one.
    const stranger = await accountWithTotp('stranger');
    await signInWithCode(stranger, false);
    expect((await stranger.browser.request(LIST)).data!.rememberedBrowsers).toEqual([]);
    const refused = await stranger.browser.request(FORGET, { id: laptopId });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('id');
    expect(errorCode(await stranger.browser.request(FORGET, { id: 'not-an-id' }))).toBe('BAD_USER_INPUT');

    expect((await account.browser.request(FORGET, { id: laptopId })).data!.forgetRememberedBrowser).toBe(true);
    expect(await signOutAndBackIn(account, laptop)).toBe('TwoFactorChallenge');
    expect((await account.browser.request(FORGET_ALL)).data!.forgetRememberedBrowsers).toBe(1);
    const forgotten = (await account.browser.request(EVENT_TYPES)).data!.securityEvents.filter(
      (e: { type: string }) => e.type === 'BROWSER_FORGOTTEN',
    );
    expect(forgotten.map((e: { detail: string }) => e.detail)).toEqual(['1 browser', 'Firefox on Windows']);
    expect(account.browser.cookie(COOKIE)).toBeUndefined();
    expect((await account.browser.request(LIST)).data!.rememberedBrowsers).toEqual([]);
    expect(errorCode(await t.client.request(LIST))).toBe('UNAUTHENTICATED');
  });

  it('forgets every browser when 2FA changes', async () => {
    const account = await accountWithTotp('changed');
    await signInWithCode(account, true);
    nextTotpStep(t);
    expect((await account.browser.request(OPS.DISABLE, { code: totpNow(t, account.secret) })).errors).toBeUndefined();
    const secret = (await account.browser.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor.secret as string;
    await account.browser.request(OPS.VERIFY, { code: totpNow(t, secret) });
    expect(await signOutAndBackIn({ ...account, secret })).toBe('TwoFactorChallenge');
  });
});

describe('Remember this browser, forbidden by the operator (REMEMBER_BROWSER_DAYS=0)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('says so in the challenge, refuses the box before the code is spent, and stops honouring browsers remembered before', async () => {
    const browser = t.client.withCookies();
    const email = uniqueEmail('forbidden');
    await browser.request(OPS.REGISTER, { email, password: PASSWORD });
    const secret = (await browser.request(OPS.ENABLE, { input: { method: 'TOTP' } })).data!.enableTwoFactor.secret as string;
    await browser.request(OPS.VERIFY, { code: totpNow(t, secret) });
    await browser.request(OPS.LOGOUT);
    const challengeId = async () => (await browser.request(LOGIN, { email, password: PASSWORD })).data!.login.challengeId as string;

    nextTotpStep(t);
    await browser.request(CHALLENGE, { challengeId: await challengeId(), code: totpNow(t, secret), remember: true });
    expect(browser.cookie(COOKIE)).toBeDefined();
    await browser.request(OPS.LOGOUT);

    await t.restart({ REMEMBER_BROWSER_DAYS: '0' });
    const client = t.client.withCookies();
    client.setCookie(COOKIE, browser.cookie(COOKIE)!);
    const challenge = await client.request(LOGIN, { email, password: PASSWORD });
    expect(challenge.data!.login).toMatchObject({ __typename: 'TwoFactorChallenge', rememberBrowserDays: null });

    nextTotpStep(t);
    const code = totpNow(t, secret);
    const refused = await client.request(CHALLENGE, { challengeId: challenge.data!.login.challengeId, code, remember: true });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('rememberBrowser');
    const accepted = await client.request(CHALLENGE, { challengeId: challenge.data!.login.challengeId, code, remember: false });
    expect(accepted.data!.verifyLoginChallenge.token).toEqual(expect.any(String));
  });
});
