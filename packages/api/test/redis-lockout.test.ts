import { readOutbox } from '../src/delivery/outbox/outbox';
import { TWO_FACTOR_LIMITS } from '../src/modules/two-factor/attempt-limiter';
import { errorCode } from './support/graphql-client';
import { OPS, enableTotp, loginChallenge, registerUser, totpNow } from './support/flows';
import { TEST_REDIS_URL, deleteKeysUnder, inspector, uniqueKeyPrefix } from './support/redis-test-support';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;
/** Challenges take five codes each: this many challenges carry the burst. */
const CHALLENGES_IN_BURST = 8;

describe('800-63B 5.2.2: lockouts counted in the shared Redis', () => {
  const keyPrefix = uniqueKeyPrefix('lockout');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: keyPrefix });
  });
  afterAll(async () => {
    await t.close();
    const redis = inspector();
    await deleteKeysUnder(redis, keyPrefix);
    redis.disconnect();
  });

  const secondsUntil = (endMs: number) => Math.ceil((endMs - t.clock.now().getTime()) / 1000);

  it('counts a burst of concurrent wrong codes as one lockout episode: one event, one notice, and the next lockout lasts 30 minutes', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const wrong = () => (totpNow(t, secret) === '000000' ? '111111' : '000000');
    const challenges = await Promise.all(Array.from({ length: CHALLENGES_IN_BURST }, () => loginChallenge(t, user.email)));
    const burstAt = t.clock.now().getTime();
    const burst = await Promise.all(
      challenges.flatMap(({ challengeId }) =>
        Array.from({ length: 5 }, () => t.client.request(OPS.CHALLENGE, { challengeId, code: wrong() })),
      ),
    );
    expect(burst.every((r) => r.data === null)).toBe(true);
    const reasons = burst.map((r) => (errorCode(r) === 'TOO_MANY_ATTEMPTS' ? r.errors![0]!.extensions!.reason : errorCode(r)));
    // Checks beyond the ten allowed in a row lock at once; those already under way may still be compared.
    expect(reasons).toContain('LOCKED');
    expect(reasons.filter((reason) => reason !== 'LOCKED' && reason !== 'INVALID_CODE')).toEqual([]);
    for (const locked of burst.filter((r) => r.errors![0]!.extensions!.reason === 'LOCKED')) {
      expect(locked.errors![0]!.extensions!.retryAfterSeconds).toBe(secondsUntil(burstAt + 15 * MINUTE));
    }

    const types = (await user.client.request(OPS.EVENTS, { first: 200 })).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(types.filter((type: string) => type === 'LOCKOUT_STARTED')).toHaveLength(1);
    const notices = (await readOutbox(t.config.delivery.outboxPath)).filter(
      (m) => m.to === user.email && m.subject === 'HOSTKEY: two-factor checks locked',
    );
    expect(notices).toHaveLength(1);

    // The first lockout ends; the next run of wrong codes starts the second, which doubles once: 30 minutes.
    t.clock.set(burstAt + 15 * MINUTE);
    let second: Awaited<ReturnType<typeof t.client.request>> | undefined;
    for (let i = 0; i < TWO_FACTOR_LIMITS.maxFailuresInARow && !second; i++) {
      const { challengeId } = await loginChallenge(t, user.email);
      const res = await t.client.request(OPS.CHALLENGE, { challengeId, code: wrong() });
      if (errorCode(res) === 'TOO_MANY_ATTEMPTS') second = res;
    }
    expect(second!.errors![0]!.extensions).toMatchObject({
      reason: 'LOCKED',
      retryAfterSeconds: secondsUntil(t.clock.now().getTime() + 30 * MINUTE),
    });
    const after = (await user.client.request(OPS.EVENTS, { first: 200 })).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(after.filter((type: string) => type === 'LOCKOUT_STARTED')).toHaveLength(2);
  });
});
