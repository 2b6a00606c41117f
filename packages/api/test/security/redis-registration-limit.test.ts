import type Redis from 'ioredis';
import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, uniqueEmail } from '../support/flows';
import { TEST_REDIS_URL, deleteKeysUnder, inspector, uniqueKeyPrefix } from '../support/redis-test-support';
import { startTestApp, type TestApp } from '../support/test-app';

const LIMIT = 3;

/** Two API processes sharing one Redis share one registration count per address. */
describe('registration limit across processes (Redis)', () => {
  const prefix = uniqueKeyPrefix('register-limit');
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    const shared = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, REGISTER_LIMIT_PER_IP: String(LIMIT) };
    [a, b] = await Promise.all([startTestApp(shared), startTestApp(shared)]);
    redis = inspector();
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  });

  const register = (app: TestApp) => app.client.request(OPS.REGISTER, { email: uniqueEmail('shared'), password: PASSWORD });

  it('registrations racing on two processes from one address: exactly REGISTER_LIMIT_PER_IP succeed in all', async () => {
    const racing = await Promise.all(Array.from({ length: LIMIT * 4 }, (_, i) => register(i % 2 === 0 ? a : b)));
    expect(racing.filter((r) => !r.errors)).toHaveLength(LIMIT);
    for (const loser of racing.filter((r) => r.errors)) {
      expect(errorCode(loser)).toBe('TOO_MANY_ATTEMPTS');
      expect(loser.errors![0]!.extensions!.reason).toBe('REGISTER_LIMIT');
    }
    // Either process refuses the next one.
    expect(errorCode(await register(a))).toBe('TOO_MANY_ATTEMPTS');
    expect(errorCode(await register(b))).toBe('TOO_MANY_ATTEMPTS');
  });
});
