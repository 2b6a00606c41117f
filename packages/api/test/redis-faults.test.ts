import { errorCode } from './support/graphql-client';
import { OPS, PASSWORD, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow } from './support/flows';
import { PrivateRedisServer } from './support/private-redis-server';
import { startTestApp, type TestApp } from './support/test-app';

const RECONNECT_TIMEOUT_MS = 5_000;

describe('ASVS V4.1.5 (5.0 V16.5.3): Redis stopping in the middle of the run', () => {
  let redis: PrivateRedisServer;
  let t: TestApp;
  beforeAll(async () => {
    redis = await PrivateRedisServer.start();
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('makes code checks and sign-ins fail closed with a clear error, logs no wrong code, and recovers when it returns', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const { challengeId } = await loginChallenge(t, user.email);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);

    await redis.kill();
    nextTotpStep(t);
    const rightCode = totpNow(t, secret);
    const refused = await t.client.request(OPS.CHALLENGE, { challengeId, code: rightCode });
    expect(refused.data).toBeNull(); // never a session without the counters
    expect(errorCode(refused)).toBe('SERVICE_UNAVAILABLE');
    expect(refused.errors![0]!.message).toBe('Sign-in checks are unavailable right now. Nothing was changed; try again in a minute.');
    const wrongCode = rightCode === '000000' ? '111111' : '000000';
    expect(errorCode(await t.client.request(OPS.CHALLENGE, { challengeId, code: wrongCode }))).toBe('SERVICE_UNAVAILABLE');
    expect(errorCode(await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD }))).toBe('SERVICE_UNAVAILABLE');
    const notReady = await fetch(`${t.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'unavailable', failing: ['limits'] });

    await redis.start();
    // The client reconnects by itself (backing off up to a second): wait for readiness, bounded.
    const deadline = Date.now() + RECONNECT_TIMEOUT_MS;
    while ((await fetch(`${t.url}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the app did not see Redis come back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The same challenge and the same code work: nothing was spent while Redis was down.
    const res = await t.client.request(OPS.CHALLENGE, { challengeId, code: rightCode });
    expect(res.data!.verifyLoginChallenge.user.email).toBe(user.email);
    // No code was looked at while Redis was down: the log shows no wrong code, only what the user did.
    const events = (await user.client.request(OPS.EVENTS)).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(events).toEqual(['CHALLENGE_PASSED', 'TWO_FACTOR_ENABLED', 'EMAIL_VERIFIED']);
  });
});
