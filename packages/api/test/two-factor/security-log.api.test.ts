import { readOutbox } from '../../src/delivery/outbox/outbox';
import { TWO_FACTOR_LIMITS } from '../../src/modules/two-factor/attempt-limiter';
import { errorCode } from '../support/graphql-client';
import { OPS, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow, uniqueEmail } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

describe('ASVS V7.1.3, V2.5.5 (5.0 V16.3.1, V6.3.7): the security log and the e-mails that tell the user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Notices carry no code (unlike the link that verified the address).
  const subjectsTo = async (to: string) =>
    (await readOutbox(t.config.delivery.outboxPath)).filter((r) => r.to === to && r.code === null).map((r) => r.subject);

  it('records enabling, challenges, recovery codes, switching and disabling, and e-mails the ones that matter', async () => {
    const user = await registerUser(t);
    // A second between steps, so the log's newest-first order is defined.
    const tick = () => t.clock.advance(1000);
    tick();
    const { secret, recoveryCodes } = await enableTotp(t, user);

    tick();
    const failed = await loginChallenge(t, user.email);
    expect(
      errorCode(
        await t.client.request(OPS.CHALLENGE, {
          challengeId: failed.challengeId,
          code: '000000' === totpNow(t, secret) ? '111111' : '000000',
        }),
      ),
    ).toBe('INVALID_CODE');
    tick();
    await t.client.request(OPS.CHALLENGE, { challengeId: failed.challengeId, code: recoveryCodes[0] });

    const address = uniqueEmail('switch');
    nextTotpStep(t);
    await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address, proof: totpNow(t, secret) } });
    await user.client.request(OPS.VERIFY, { code: (await t.lastMessageTo(address)).code });
    tick();
    await user.client.request(OPS.DISABLE, { code: recoveryCodes[1] });

    const events = (await user.client.request(OPS.EVENTS)).data!.securityEvents as Array<{
      type: string;
      method: string | null;
      ip: string;
      createdAt: string;
    }>;
    // Newest first; events of one request share an instant, so compare each instant's set.
    const byInstant = [...new Set(events.map((e) => e.createdAt))].map((at) =>
      events
        .filter((e) => e.createdAt === at)
        .map((e) => e.type)
        .sort(),
    );
    expect(byInstant).toEqual([
      ['TWO_FACTOR_DISABLED'],
      ['TWO_FACTOR_SWITCHED'],
      ['RECOVERY_CODE_USED'],
      ['CHALLENGE_FAILED'],
      ['TWO_FACTOR_ENABLED'],
      ['EMAIL_VERIFIED'],
    ]);
    expect(events.find((e) => e.type === 'TWO_FACTOR_SWITCHED')!.method).toBe('EMAIL');
    // A recovery code belongs to no method: the entry does not say an authenticator code was used.
    expect(events.find((e) => e.type === 'RECOVERY_CODE_USED')!.method).toBeNull();
    expect(events.find((e) => e.type === 'TWO_FACTOR_ENABLED')).toMatchObject({
      method: 'TOTP',
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });

    expect(await subjectsTo(user.email)).toEqual([
      'HOSTKEY: two-factor authentication enabled',
      'HOSTKEY: recovery code used',
      'HOSTKEY: two-factor method changed',
      'HOSTKEY: two-factor authentication disabled',
    ]);
    const notice = (await readOutbox(t.config.delivery.outboxPath)).find(
      (r) => r.subject === 'HOSTKEY: recovery code used' && r.to === user.email,
    )!;
    expect(notice.text).toContain('9 recovery codes are left');
    expect(notice.code).toBeNull();
  });

  it('e-mails the user when a lockout starts', async () => {
    const user = await registerUser(t);
    await enableTotp(t, user);
    for (let i = 0; i < TWO_FACTOR_LIMITS.maxFailuresInARow; i++) {
      const { challengeId } = await loginChallenge(t, user.email);
      await t.client.request(OPS.CHALLENGE, { challengeId, code: `12121${i}` });
    }
    expect(await subjectsTo(user.email)).toContain('HOSTKEY: two-factor checks locked');
    const events = (await user.client.request(OPS.EVENTS, { first: 2 })).data!.securityEvents;
    // Both at the same instant: the order between them is not defined.
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual(['CHALLENGE_FAILED', 'LOCKOUT_STARTED']);
  });

  const wrongCodeFor = (secret: string) => ('000000' === totpNow(t, secret) ? '111111' : '000000');
  const EVENTS_WITH_COUNT = `query Events($first: Int) { securityEvents(first: $first) { type method count } }`;

  it('logs a sign-in with a recovery code once, as a recovery code used', async () => {
    const user = await registerUser(t, 'user', { verified: false });
    const { recoveryCodes } = await enableTotp(t, user);
    t.clock.advance(1000);
    const { challengeId } = await loginChallenge(t, user.email);
    expect((await t.client.request(OPS.CHALLENGE, { challengeId, code: recoveryCodes[3] })).errors).toBeUndefined();
    const events = (await user.client.request(EVENTS_WITH_COUNT)).data!.securityEvents;
    expect(events).toEqual([
      { type: 'RECOVERY_CODE_USED', method: null, count: 1 },
      { type: 'TWO_FACTOR_ENABLED', method: 'TOTP', count: 1 },
    ]);
  });

  it('keeps 300 checks refused during a lockout as one entry with a count, so the real events stay visible', async () => {
    const user = await registerUser(t, 'user', { verified: false });
    const { secret } = await enableTotp(t, user);
    t.clock.advance(1000);
    for (let i = 0; i < TWO_FACTOR_LIMITS.maxFailuresInARow; i++) {
      const { challengeId } = await loginChallenge(t, user.email);
      await t.client.request(OPS.CHALLENGE, { challengeId, code: wrongCodeFor(secret) });
    }
    t.clock.advance(1000);
    const { challengeId } = await loginChallenge(t, user.email);
    const refused = await Promise.all(
      Array.from({ length: 300 }, () => t.client.request(OPS.CHALLENGE, { challengeId, code: wrongCodeFor(secret) })),
    );
    expect(new Set(refused.map((r) => r.errors?.[0]?.extensions?.reason))).toEqual(new Set(['LOCKED']));

    const events = (await user.client.request(EVENTS_WITH_COUNT, { first: 200 })).data!.securityEvents as Array<{ type: string }>;
    expect(events[0]).toEqual({ type: 'CHECK_REFUSED_LOCKED', method: null, count: 300 });
    const types = events.map((e) => e.type);
    expect(types.filter((type) => type === 'CHECK_REFUSED_LOCKED')).toHaveLength(1);
    expect(types.filter((type) => type === 'CHALLENGE_FAILED')).toHaveLength(TWO_FACTOR_LIMITS.maxFailuresInARow);
    expect(types.filter((type) => type === 'LOCKOUT_STARTED')).toHaveLength(1);
    expect(types.at(-1)).toBe('TWO_FACTOR_ENABLED');
  });

  it('logs as wrong codes only the codes that were compared: a sign-in out of tries logs nothing more', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const { challengeId } = await loginChallenge(t, user.email);
    const guesses = await Promise.all(
      Array.from({ length: 8 }, () => t.client.request(OPS.CHALLENGE, { challengeId, code: wrongCodeFor(secret) })),
    );
    expect(guesses.filter((r) => r.errors?.[0]?.extensions?.reason === 'CHALLENGE_SPENT')).toHaveLength(3);
    const types = (await user.client.request(EVENTS_WITH_COUNT)).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(types.filter((type: string) => type === 'CHALLENGE_FAILED')).toHaveLength(5);
  });

  it('shows each user only their own log', async () => {
    const alice = await registerUser(t, 'alice', { verified: false });
    const bob = await registerUser(t, 'bob', { verified: false });
    await enableTotp(t, alice);
    expect((await bob.client.request(OPS.EVENTS)).data!.securityEvents).toEqual([]);
    expect(errorCode(await t.client.request(OPS.EVENTS))).toBe('UNAUTHENTICATED');
  });
});
