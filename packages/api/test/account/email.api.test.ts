import { readOutbox } from '../../src/delivery/outbox/outbox';
import { AccountLinkEntity } from '../../src/modules/account/links/account-link.entity';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { OPS, PASSWORD, enableTotp, latestLinkTo, nextTotpStep, registerUser, totpNow, uniqueEmail } from '../support/flows';
import { startTestApp, TEST_DATABASE, type TestApp } from '../support/test-app';

const ME = `query { me { email emailVerified pendingEmail } }`;
const REQUEST_VERIFICATION = `mutation { requestEmailVerification }`;
const CHANGE_EMAIL = `mutation Change($newEmail: String!, $proof: String) { changeEmail(newEmail: $newEmail, proof: $proof) }`;
const EVENT_DETAILS = `query { securityEvents(first: 50) { type detail } }`;
const PUBLIC_URL = 'https://panel.hostkey.example/';
const HOUR = 60 * 60_000;

const reasonOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.reason;

describe(`the account's e-mail address on ${TEST_DATABASE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
  });
  afterAll(() => t.close());

  const outbox = () => readOutbox(t.config.delivery.outboxPath);
  const mailsTo = async (to: string) => (await outbox()).filter((m) => m.to === to);
  const verify = (token: string) => t.client.request(OPS.VERIFY_EMAIL, { token });
  const eventsOf = async (client: { request: TestApp['client']['request'] }) =>
    (await client.request(EVENT_DETAILS)).data!.securityEvents as Array<{ type: string; detail: string | null }>;

  it('e-mails a new account a single-use link on PUBLIC_URL, whose token is stored only as a hash', async () => {
    const user = await registerUser(t, 'fresh', { verified: false });
    const [mail] = await mailsTo(user.email);
    expect(mail).toMatchObject({ channel: 'email', subject: 'HOSTKEY: verify your e-mail address' });
    const token = await latestLinkTo(t.config.delivery.outboxPath, user.email);
    expect(mail!.text).toContain(`https://panel.hostkey.example/verify-email#token=${token}`);
    expect(mail!.text).toContain('The link works once, for 24 hours.');
    const stored = await t.app.dataSource.getRepository(AccountLinkEntity).find();
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await user.client.request(ME)).data!.me).toEqual({ email: user.email, emailVerified: false, pendingEmail: null });
    expect((await verify(token)).data!.verifyEmail).toBe(true);
    expect((await user.client.request(ME)).data!.me.emailVerified).toBe(true);
    expect((await eventsOf(user.client)).map((e) => e.type)).toContain('EMAIL_VERIFIED');

    const again = await verify(token);
    expect(errorCode(again)).toBe('INVALID_CODE');
    expect(reasonOf(again)).toBe('LINK_ALREADY_USED');
  });

  it('refuses unknown, malformed and expired links, each with its reason', async () => {
    for (const token of ['A'.repeat(43), 'not a token', '']) {
      const res = await verify(token);
      expect([errorCode(res), reasonOf(res)]).toEqual(['INVALID_CODE', 'LINK_INVALID']);
    }
    const user = await registerUser(t, 'late', { verified: false });
    const token = await latestLinkTo(t.config.delivery.outboxPath, user.email);
    t.clock.advance(24 * HOUR);
    const expired = await verify(token);
    expect([errorCode(expired), reasonOf(expired)]).toEqual(['CODE_EXPIRED', 'LINK_EXPIRED']);
    const stored = await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email: user.email });
    expect(stored.emailVerified).toBe(false);
  });

  it('sends a new link on request, which replaces the old one, within the send limits', async () => {
    const user = await registerUser(t, 'resend', { verified: false });
    const first = await latestLinkTo(t.config.delivery.outboxPath, user.email);
    expect(errorCode(await t.client.request(REQUEST_VERIFICATION))).toBe('UNAUTHENTICATED');

    const tooSoon = await user.client.request(REQUEST_VERIFICATION);
    expect([errorCode(tooSoon), reasonOf(tooSoon)]).toEqual(['TOO_MANY_ATTEMPTS', 'RESEND_WAIT']);
    expect(tooSoon.errors![0]!.extensions!.retryAfterSeconds).toBe(60);

    t.clock.advance(60_000);
    expect((await user.client.request(REQUEST_VERIFICATION)).data!.requestEmailVerification).toBe(true);
    const second = await latestLinkTo(t.config.delivery.outboxPath, user.email);
    expect(second).not.toBe(first);
    expect(reasonOf(await verify(first))).toBe('LINK_ALREADY_USED');
    expect((await verify(second)).data!.verifyEmail).toBe(true);

    const done = await user.client.request(REQUEST_VERIFICATION);
    expect([errorCode(done), reasonOf(done)]).toEqual(['BAD_USER_INPUT', 'EMAIL_ALREADY_VERIFIED']);
  });

  it('stops at five links an hour to one account', async () => {
    const user = await registerUser(t, 'hourly', { verified: false });
    for (let i = 0; i < 4; i++) {
      t.clock.advance(60_000);
      expect((await user.client.request(REQUEST_VERIFICATION)).errors).toBeUndefined();
    }
    t.clock.advance(60_000);
    const capped = await user.client.request(REQUEST_VERIFICATION);
    expect([errorCode(capped), reasonOf(capped)]).toEqual(['TOO_MANY_ATTEMPTS', 'HOURLY_CAP']);
    expect((await mailsTo(user.email)).length).toBe(5);
    t.clock.advance(HOUR);
  });

  it('sends notices only once the address is verified', async () => {
    const user = await registerUser(t, 'unproven', { verified: false });
    const { recoveryCodes } = await enableTotp(t, user);
    expect((await mailsTo(user.email)).map((m) => m.subject)).toEqual(['HOSTKEY: verify your e-mail address']);
    expect(t.logs()).toContain('security notice not sent: the address is not verified');

    await verify(await latestLinkTo(t.config.delivery.outboxPath, user.email));
    expect((await user.client.request(OPS.DISABLE, { code: recoveryCodes[0] })).errors).toBeUndefined();
    expect((await mailsTo(user.email)).at(-1)!.subject).toBe('HOSTKEY: two-factor authentication disabled');
  });

  describe('changing it', () => {
    it('sends a link to the new address; the old one stays until it is opened, then is told', async () => {
      const user = await registerUser(t, 'mover');
      const newEmail = uniqueEmail('moved');
      expect((await user.client.request(CHANGE_EMAIL, { newEmail: `  ${newEmail.toUpperCase()} ` })).data!.changeEmail).toBe(true);
      expect((await user.client.request(ME)).data!.me).toEqual({ email: user.email, emailVerified: true, pendingEmail: newEmail });
      const [link] = await mailsTo(newEmail);
      expect(link!.subject).toBe('HOSTKEY: confirm your new e-mail address');
      // Until the link is opened, the old address signs in.
      expect((await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD })).data!.login.__typename).toBe('AuthPayload');

      expect((await verify(link!.code!)).data!.verifyEmail).toBe(true);
      expect((await user.client.request(ME)).data!.me).toEqual({ email: newEmail, emailVerified: true, pendingEmail: null });
      const told = (await mailsTo(user.email)).at(-1)!;
      expect(told.subject).toBe('HOSTKEY: e-mail address changed');
      expect(told.text).toContain(`to ${newEmail[0]}***@example.com`);
      expect(errorCode(await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD }))).toBe('UNAUTHENTICATED');
      expect((await t.client.request(OPS.LOGIN, { email: newEmail, password: PASSWORD })).data!.login.__typename).toBe('AuthPayload');
      const events = await eventsOf(user.client);
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['EMAIL_CHANGE_REQUESTED', 'EMAIL_CHANGED']));
      expect(events.find((e) => e.type === 'EMAIL_CHANGED')!.detail).toBe(
        `${user.email[0]}***@example.com → ${newEmail[0]}***@example.com`,
      );
    });

    it('tells no one at an old address that was never verified', async () => {
      const user = await registerUser(t, 'unverified-mover', { verified: false });
      const newEmail = uniqueEmail('verified-now');
      await user.client.request(CHANGE_EMAIL, { newEmail });
      await verify(await latestLinkTo(t.config.delivery.outboxPath, newEmail));
      expect((await mailsTo(user.email)).map((m) => m.subject)).toEqual(['HOSTKEY: verify your e-mail address']);
      expect((await user.client.request(ME)).data!.me).toMatchObject({ email: newEmail, emailVerified: true });
    });

    it('ends every other open link of the account when the new address takes over', async () => {
      const user = await registerUser(t, 'two-links', { verified: false });
      const oldLink = await latestLinkTo(t.config.delivery.outboxPath, user.email);
      const newEmail = uniqueEmail('two-links-new');
      await user.client.request(CHANGE_EMAIL, { newEmail });
      await verify(await latestLinkTo(t.config.delivery.outboxPath, newEmail));
      expect(reasonOf(await verify(oldLink))).toBe('LINK_ALREADY_USED');
    });

    it('refuses a bad, unchanged or taken address before sending anything', async () => {
      const user = await registerUser(t, 'picky');
      const other = await registerUser(t, 'taken');
      const cases: Array<[string, string]> = [
        ['not an address', 'EMAIL_INVALID'],
        [user.email.toUpperCase(), 'EMAIL_UNCHANGED'],
        [other.email, 'EMAIL_TAKEN'],
      ];
      for (const [newEmail, expected] of cases) {
        const res = await user.client.request(CHANGE_EMAIL, { newEmail });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0]!.extensions!.field).toBe('newEmail');
        if (expected !== 'EMAIL_INVALID') expect(reasonOf(res)).toBe(expected);
      }
      expect(await mailsTo(other.email)).toHaveLength(1); // its own verification link only
    });

    it('loses to someone who registers the new address before the link is opened', async () => {
      const user = await registerUser(t, 'slow');
      const newEmail = uniqueEmail('grabbed');
      await user.client.request(CHANGE_EMAIL, { newEmail });
      const token = await latestLinkTo(t.config.delivery.outboxPath, newEmail);
      await t.client.request(OPS.REGISTER, { email: newEmail, password: PASSWORD });
      const res = await verify(token);
      expect([errorCode(res), reasonOf(res)]).toEqual(['BAD_USER_INPUT', 'EMAIL_TAKEN']);
      expect((await user.client.request(ME)).data!.me.email).toBe(user.email);
    });

    it('needs a fresh proof with 2FA on, checked after the free refusals and before anything is sent', async () => {
      const user = await registerUser(t, 'guarded');
      const { secret, recoveryCodes } = await enableTotp(t, user);
      const newEmail = uniqueEmail('guarded-new');

      const missing = await user.client.request(CHANGE_EMAIL, { newEmail });
      expect([errorCode(missing), reasonOf(missing), missing.errors![0]!.extensions!.field]).toEqual([
        'BAD_USER_INPUT',
        'PROOF_REQUIRED',
        'proof',
      ]);
      expect(errorCode(await user.client.request(CHANGE_EMAIL, { newEmail, proof: '000000' }))).toBe('INVALID_CODE');
      // A refusal that costs nothing keeps the proof: the recovery code still works afterwards.
      expect(reasonOf(await user.client.request(CHANGE_EMAIL, { newEmail: user.email, proof: recoveryCodes[0] }))).toBe('EMAIL_UNCHANGED');
      expect(await mailsTo(newEmail)).toHaveLength(0);

      nextTotpStep(t);
      expect((await user.client.request(CHANGE_EMAIL, { newEmail, proof: totpNow(t, secret) })).data!.changeEmail).toBe(true);
      expect(await mailsTo(newEmail)).toHaveLength(1);
      t.clock.advance(60_000);
      expect(
        (await user.client.request(CHANGE_EMAIL, { newEmail: uniqueEmail('guarded-other'), proof: recoveryCodes[0] })).errors,
      ).toBeUndefined();
    });

    it('lets one of ten concurrent uses of a link win, and changes the address once', async () => {
      const user = await registerUser(t, 'racer');
      const newEmail = uniqueEmail('raced');
      await user.client.request(CHANGE_EMAIL, { newEmail });
      const token = await latestLinkTo(t.config.delivery.outboxPath, newEmail);
      const results = await Promise.all(Array.from({ length: 10 }, () => verify(token)));
      expect(results.filter((r) => r.data?.verifyEmail === true)).toHaveLength(1);
      for (const loser of results.filter((r) => r.errors))
        expect([errorCode(loser), reasonOf(loser)]).toEqual(['INVALID_CODE', 'LINK_ALREADY_USED']);
      expect((await eventsOf(user.client)).filter((e) => e.type === 'EMAIL_CHANGED')).toHaveLength(1);
      expect((await mailsTo(user.email)).filter((m) => m.subject === 'HOSTKEY: e-mail address changed')).toHaveLength(1);
      expect(await t.app.dataSource.getRepository(UserEntity).countBy({ email: newEmail })).toBe(1);
    });
  });
});
