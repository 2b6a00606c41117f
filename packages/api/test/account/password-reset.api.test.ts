import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOutbox } from '../../src/delivery/outbox/outbox';
import { json, ProviderStub } from '../delivery/support/provider-stub';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { errorCode, type GraphQLClient, type GraphQLResponse } from '../support/graphql-client';
import {
  OPS,
  PASSWORD,
  enableTotp,
  latestLinkTo,
  nextTotpStep,
  registerUser,
  totpNow,
  uniqueEmail,
  type SignedInUser,
} from '../support/flows';
import { createScratchPostgres, type ScratchDatabase } from '../support/postgres';
import { startTestApp, TEST_DATABASE, type TestApp } from '../support/test-app';

const REQUEST = `mutation Request($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation Reset($token: String!, $newPassword: String!) {
  resetPassword(token: $token, newPassword: $newPassword) {
    __typename
    ... on AuthPayload { token user { email } }
    ... on TwoFactorChallenge { challengeId method }
  }
}`;
const LOGIN_TYPE = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }`;
const NEW_PASSWORD = 'a brand new passphrase';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const reasonOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.reason;

describe(`password reset on ${TEST_DATABASE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every request comes from 127.0.0.1: the IP's budget has tests of its own, below.
    t = await startTestApp({ PUBLIC_URL: 'https://panel.hostkey.example', CODES_PER_IP_PER_HOUR: '0' });
  });
  afterAll(() => t.close());

  /** Asks for a link and waits for the work after the answer (looking the account up, sending). */
  async function requestReset(email: string, client: GraphQLClient = t.client) {
    const res = await client.request(REQUEST, { email });
    await t.app.modules.account.background.settled();
    return res;
  }
  const mailsTo = async (to: string) => (await readOutbox(t.config.delivery.outboxPath)).filter((m) => m.to === to);
  const linkFor = async (user: SignedInUser) => {
    t.clock.advance(MINUTE);
    expect((await requestReset(user.email)).data!.requestPasswordReset).toBe(true);
    return latestLinkTo(t.config.delivery.outboxPath, user.email);
  };
  const reset = (token: string, newPassword = NEW_PASSWORD, client: GraphQLClient = t.client) =>
    client.request(RESET, { token, newPassword });

  it('answers the same for an unknown address, an unverified one and a verified one; only the verified one gets a link', async () => {
    const verified = await registerUser(t, 'known');
    const unverified = await registerUser(t, 'unproven', { verified: false });
    const unknown = uniqueEmail('nobody');
    const answers = await Promise.all([verified.email, unverified.email, unknown].map((email) => requestReset(email)));
    for (const answer of answers) {
      expect(answer.data).toEqual({ requestPasswordReset: true });
      expect(answer.errors).toBeUndefined();
    }
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect((await mailsTo(unverified.email)).map((m) => m.subject)).toEqual(['HOSTKEY: verify your e-mail address']);
    const [mail] = (await mailsTo(verified.email)).filter((m) => m.subject === 'HOSTKEY: reset your password');
    const token = await latestLinkTo(t.config.delivery.outboxPath, verified.email);
    expect(mail!.text).toContain(`https://panel.hostkey.example/reset-password#token=${token}`);
    expect(mail!.text).toContain('The link works once, for 30 minutes.');
  });

  it('sets the password with the link, ends every session, tells the owner, and signs in without 2FA', async () => {
    const user = await registerUser(t, 'forgetful');
    const otherDevice = (await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD })).data!.login.token as string;
    const token = await linkFor(user);

    const res = await reset(token);
    expect(res.data!.resetPassword).toMatchObject({ __typename: 'AuthPayload', user: { email: user.email } });
    for (const old of [user.token, otherDevice]) expect(errorCode(await t.client.withToken(old).request(OPS.ME))).toBe('UNAUTHENTICATED');
    expect((await t.client.withToken(res.data!.resetPassword.token).request(OPS.ME)).data!.me.email).toBe(user.email);
    expect(errorCode(await t.client.request(LOGIN_TYPE, { email: user.email, password: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect((await t.client.request(LOGIN_TYPE, { email: user.email, password: NEW_PASSWORD })).data!.login.__typename).toBe('AuthPayload');
    expect((await mailsTo(user.email)).at(-1)!.subject).toBe('HOSTKEY: password reset');
    const types = (await t.client.withToken(res.data!.resetPassword.token).request(OPS.EVENTS)).data!.securityEvents.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toEqual(expect.arrayContaining(['PASSWORD_RESET_REQUESTED', 'PASSWORD_RESET']));
  });

  it('never gives a session with 2FA on: a challenge, as login would, and the code still decides', async () => {
    const user = await registerUser(t, 'two-factor');
    const { secret } = await enableTotp(t, user);
    const browser = t.client.withCookies();
    const res = await reset(await linkFor(user), NEW_PASSWORD, browser);
    expect(res.data!.resetPassword).toEqual({ __typename: 'TwoFactorChallenge', challengeId: expect.any(String), method: 'TOTP' });
    expect(JSON.stringify(res.data)).not.toMatch(/"token"/);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('latchkey_session=');
    expect(errorCode(await t.client.withToken(user.token).request(OPS.ME))).toBe('UNAUTHENTICATED');

    const wrong = await t.client.request(OPS.CHALLENGE, { challengeId: res.data!.resetPassword.challengeId, code: '000000' });
    expect(errorCode(wrong)).toBe('INVALID_CODE');
    nextTotpStep(t);
    const passed = await browser.request(OPS.CHALLENGE, { challengeId: res.data!.resetPassword.challengeId, code: totpNow(t, secret) });
    expect(passed.data!.verifyLoginChallenge.user.email).toBe(user.email);
  });

  it('forgets every remembered browser: the next password sign-in from one needs a code again', async () => {
    const user = await registerUser(t, 'remembered');
    const { secret } = await enableTotp(t, user);
    const browser = t.client.withCookies();
    const { challengeId } = (await browser.request(OPS.LOGIN, { email: user.email, password: PASSWORD })).data!.login;
    nextTotpStep(t);
    await browser.request(
      `mutation($id: ID!, $code: String!) { verifyLoginChallenge(challengeId: $id, code: $code, rememberBrowser: true) { token } }`,
      { id: challengeId, code: totpNow(t, secret) },
    );
    await browser.request(OPS.LOGOUT);
    expect((await browser.request(LOGIN_TYPE, { email: user.email, password: PASSWORD })).data!.login.__typename).toBe('AuthPayload');

    expect((await reset(await linkFor(user))).data!.resetPassword.__typename).toBe('TwoFactorChallenge');
    await browser.request(OPS.LOGOUT);
    expect((await browser.request(LOGIN_TYPE, { email: user.email, password: NEW_PASSWORD })).data!.login.__typename).toBe(
      'TwoFactorChallenge',
    );
  });

  it('works once, and not after 30 minutes; a newer link replaces an older one', async () => {
    const user = await registerUser(t, 'once');
    const first = await linkFor(user);
    const second = await linkFor(user);
    expect(reasonOf(await reset(first))).toBe('LINK_ALREADY_USED');
    expect((await reset(second)).data!.resetPassword.__typename).toBe('AuthPayload');
    const replayed = await reset(second, 'yet another passphrase');
    expect([errorCode(replayed), reasonOf(replayed)]).toEqual(['INVALID_CODE', 'LINK_ALREADY_USED']);

    const late = await linkFor(user);
    t.clock.advance(30 * MINUTE - 1000);
    const lateUser = await registerUser(t, 'in-time');
    const inTime = await linkFor(lateUser);
    t.clock.advance(1000);
    const expired = await reset(late, 'too late a passphrase');
    expect([errorCode(expired), reasonOf(expired)]).toEqual(['CODE_EXPIRED', 'LINK_EXPIRED']);
    expect((await reset(inTime)).data!.resetPassword.__typename).toBe('AuthPayload');
    expect((await t.client.request(LOGIN_TYPE, { email: user.email, password: 'too late a passphrase' })).errors).toBeDefined();
  });

  it('refuses a made-up, malformed or wrong-purpose token, and a bad new password, changing nothing', async () => {
    const user = await registerUser(t, 'guessed', { verified: false });
    const verificationLink = await latestLinkTo(t.config.delivery.outboxPath, user.email);
    for (const token of ['A'.repeat(43), 'short', verificationLink]) {
      const res = await reset(token);
      expect([errorCode(res), reasonOf(res)]).toEqual(['INVALID_CODE', 'LINK_INVALID']);
    }
    const weak = await reset(verificationLink, 'short');
    expect([errorCode(weak), weak.errors![0]!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'newPassword']);
    expect((await t.client.request(LOGIN_TYPE, { email: user.email, password: PASSWORD })).data!.login.__typename).toBe('AuthPayload');
    // The verification link was not used up by being tried as a reset link.
    expect((await t.client.request(OPS.VERIFY_EMAIL, { token: verificationLink })).data!.verifyEmail).toBe(true);
  });

  it('lets one of ten concurrent uses of a link win', async () => {
    const user = await registerUser(t, 'racing');
    const token = await linkFor(user);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reset(token, `racing passphrase ${i}`)));
    const winners = results.filter((r) => r.data?.resetPassword);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) expect(reasonOf(loser)).toBe('LINK_ALREADY_USED');
    const winning = results.indexOf(winners[0]!);
    expect((await t.client.request(LOGIN_TYPE, { email: user.email, password: `racing passphrase ${winning}` })).errors).toBeUndefined();
    const resets = (await t.client.withToken(winners[0]!.data!.resetPassword.token).request(OPS.EVENTS)).data!.securityEvents.filter(
      (e: { type: string }) => e.type === 'PASSWORD_RESET',
    );
    expect(resets).toHaveLength(1);
  });

  it('limits requests per address alike whether or not an account has it: a minute apart, five an hour', async () => {
    const known = await registerUser(t, 'limited');
    const unknown = uniqueEmail('limited-nobody');
    for (const email of [known.email, unknown]) {
      expect((await requestReset(email)).errors).toBeUndefined();
      const soon = await requestReset(email.toUpperCase());
      expect([errorCode(soon), reasonOf(soon), soon.errors![0]!.extensions!.retryAfterSeconds]).toEqual([
        'TOO_MANY_ATTEMPTS',
        'RESEND_WAIT',
        60,
      ]);
    }
    for (let i = 0; i < 4; i++) {
      t.clock.advance(MINUTE);
      for (const email of [known.email, unknown]) expect((await requestReset(email)).errors).toBeUndefined();
    }
    t.clock.advance(MINUTE);
    const capped = await Promise.all([known.email, unknown].map((email) => requestReset(email)));
    expect(capped.map((r) => [errorCode(r), reasonOf(r)])).toEqual([
      ['TOO_MANY_ATTEMPTS', 'HOURLY_CAP'],
      ['TOO_MANY_ATTEMPTS', 'HOURLY_CAP'],
    ]);
    t.clock.advance(HOUR);
  });
});

describe(`password reset limits per IP address on ${TEST_DATABASE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CODES_PER_IP_PER_HOUR: '3', SIGN_IN_FAILURES_PER_IP: '3' });
  });
  afterAll(() => t.close());

  it('counts requests for any address against the IP’s hourly send budget', async () => {
    for (let i = 0; i < 3; i++) expect((await t.client.request(REQUEST, { email: uniqueEmail('ip') })).errors).toBeUndefined();
    const refused = await t.client.request(REQUEST, { email: uniqueEmail('ip') });
    expect([errorCode(refused), reasonOf(refused)]).toEqual(['TOO_MANY_ATTEMPTS', 'IP_SEND_LIMIT']);
  });

  it('counts dead tokens as failed sign-ins of the IP, and then refuses before looking at the token', async () => {
    for (let i = 0; i < 3; i++)
      expect(reasonOf(await t.client.request(RESET, { token: 'B'.repeat(43), newPassword: NEW_PASSWORD }))).toBe('LINK_INVALID');
    const refused = await t.client.request(RESET, { token: 'B'.repeat(43), newPassword: NEW_PASSWORD });
    expect([errorCode(refused), reasonOf(refused)]).toEqual(['TOO_MANY_ATTEMPTS', 'IP_LIMIT']);
  });
});

/**
 * Timing, measured as an attacker would: the API in a process of its own (an in-process client
 * would share its event loop with the work done after the answer), a mail provider that takes
 * 300 ms, and the median of many requests for addresses with and without an account.
 */
describe(`password reset requests take as long whether or not the address has an account (${TEST_DATABASE})`, () => {
  const PROVIDER_DELAY_MS = 300;
  const SAMPLES = 15;
  let api: ApiProcess;
  let sendgrid: ProviderStub;
  let postgres: ScratchDatabase | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-reset-timing-'));

  beforeAll(async () => {
    sendgrid = await ProviderStub.start();
    sendgrid.reset((_request, response) => setTimeout(() => json(response, 202, {}), PROVIDER_DELAY_MS));
    if (TEST_DATABASE === 'postgres') postgres = await createScratchPostgres('reset_timing');
    api = await startApiProcess({
      DATA_DIR: dataDir,
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      EMAIL_PROVIDER: 'sendgrid',
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_API_BASE_URL: sendgrid.url,
      EMAIL_FROM: 'security@hostkey.example',
      CODES_PER_IP_PER_HOUR: '0',
    });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await sendgrid.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const mailsAbout = (words: string) => sendgrid.requests.filter((r) => r.body.includes(words));
  async function waitFor(condition: () => boolean): Promise<void> {
    for (let tries = 0; !condition(); tries++) {
      if (tries > 200) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('answers before any e-mail goes out, so the time says nothing', async () => {
    const users: string[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const email = uniqueEmail(`timed${i}`);
      await api.client.request(OPS.REGISTER, { email, password: PASSWORD });
      const request = JSON.parse(sendgrid.requests.at(-1)!.body);
      const token = /#token=([A-Za-z0-9_-]{43})/.exec(request.content[0].value)![1]!;
      expect((await api.client.request(OPS.VERIFY_EMAIL, { token })).data).toEqual({ verifyEmail: true });
      users.push(email);
    }
    const timed = async (email: string) => {
      const started = performance.now();
      const res = await api.client.request(REQUEST, { email });
      expect(res.data).toEqual({ requestPasswordReset: true });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (const email of users) {
      // Each after the e-mails of the one before went out, so no request shares the server with them.
      unknown.push(await timed(uniqueEmail('timed-nobody')));
      known.push(await timed(email));
      await waitFor(() => mailsAbout('reset your password').length === known.length);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // Both far under the provider's delay (the e-mail is not waited for), and close to each other.
    expect(median(known)).toBeLessThan(PROVIDER_DELAY_MS / 2);
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(PROVIDER_DELAY_MS / 4);
    expect(mailsAbout('reset your password')).toHaveLength(SAMPLES);
  });
});
