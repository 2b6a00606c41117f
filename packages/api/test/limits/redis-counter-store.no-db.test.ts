import type Redis from 'ioredis';
import { createCounterStore } from '../../src/limits/create-counter-store';
import { LimitStoreUnavailableError } from '../../src/limits/limit-store-unavailable.error';
import { DEFAULT_KEY_PREFIX, EXPIRY_MARGIN_MS, RedisCounterStore } from '../../src/limits/redis-counter-store';
import { describeCounterStoreContract } from './counter-store.contract';
import { deleteKeysUnder, inspector, keysUnder, TEST_REDIS_URL, uniqueKeyPrefix } from '../support/redis-test-support';

const RUN_PREFIX = uniqueKeyPrefix('redis-counter-store');
const WINDOW_MS = 60_000;

let redis: Redis;
const stores: RedisCounterStore[] = [];

/** A store on its own connection, like one API process. */
function openStore(keyPrefix: string): RedisCounterStore {
  const store = new RedisCounterStore({ url: TEST_REDIS_URL, keyPrefix });
  stores.push(store);
  return store;
}

beforeAll(() => {
  redis = inspector();
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await deleteKeysUnder(redis, RUN_PREFIX);
  expect(await keysUnder(redis, RUN_PREFIX)).toEqual([]);
  await redis.quit();
});

// Each store gets its own connection; same prefix = same counters, like processes sharing Redis.
describeCounterStoreContract('RedisCounterStore', async (keyPrefix) => {
  const counters = createCounterStore({ redisUrl: TEST_REDIS_URL, keyPrefix: `${RUN_PREFIX}${keyPrefix}` });
  await counters.ready();
  return counters;
});

describe('RedisCounterStore across processes', () => {
  it('gives two stores on separate connections one sequence for the same key', async () => {
    const prefix = `${RUN_PREFIX}shared:`;
    const first = openStore(prefix);
    const second = openStore(prefix);
    const hits = Array.from({ length: 200 }, (_, i) => (i % 2 ? first : second).increment('2fa:failures:u1', WINDOW_MS, 1_000));
    const results = await Promise.all(hits);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await first.peek('2fa:failures:u1', 2_000)).toEqual({ count: 200, resetAtMs: 61_000 });
    await second.reset('2fa:failures:u1');
    expect(await first.peek('2fa:failures:u1', 2_000)).toBeNull();
  });

  it('lets one of two processes start a window that both try to start at once', async () => {
    const prefix = `${RUN_PREFIX}start:`;
    const first = openStore(prefix);
    const second = openStore(prefix);
    const tries = Array.from({ length: 100 }, (_, i) => (i % 2 ? first : second).startIfAbsent('2fa:lock:u1', WINDOW_MS, 1_000));
    const results = await Promise.all(tries);
    expect(results.filter((r) => r.started)).toHaveLength(1);
    expect(await second.peek('2fa:lock:u1', 2_000)).toEqual({ count: 1, resetAtMs: 61_000 });
  });

  it('sees a window opened by a process whose clock runs ahead, until it ends by the reader’s clock', async () => {
    const prefix = `${RUN_PREFIX}skew:`;
    const ahead = openStore(prefix);
    const behind = openStore(prefix);
    await ahead.increment('k', WINDOW_MS, 10_000);
    expect(await behind.increment('k', WINDOW_MS, 8_000)).toEqual({ count: 2, resetAtMs: 70_000 });
    expect(await behind.peek('k', 69_999)).toEqual({ count: 2, resetAtMs: 70_000 });
    expect(await behind.peek('k', 70_000)).toBeNull();
  });
});

describe('RedisCounterStore keys', () => {
  it('expire in real time with the window plus a margin, renewed only when a new window starts', async () => {
    const prefix = `${RUN_PREFIX}ttl:`;
    const store = openStore(prefix);
    await store.increment('k', WINDOW_MS, 1_000);
    const firstTtl = await redis.pttl(`${prefix}k`);
    expect(firstTtl).toBeGreaterThan(WINDOW_MS);
    expect(firstTtl).toBeLessThanOrEqual(WINDOW_MS + EXPIRY_MARGIN_MS);

    // A hit inside the window leaves the expiry alone: the window does not slide.
    await redis.pexpire(`${prefix}k`, WINDOW_MS);
    await store.increment('k', WINDOW_MS, 2_000);
    expect(await redis.pttl(`${prefix}k`)).toBeLessThanOrEqual(WINDOW_MS);

    // A hit after the window (by the caller's clock) starts a new one, with its own expiry.
    const longWindow = 10 * WINDOW_MS;
    expect(await store.increment('k', longWindow, 61_000)).toEqual({ count: 1, resetAtMs: 61_000 + longWindow });
    expect(await redis.pttl(`${prefix}k`)).toBeGreaterThan(longWindow);
  });

  it('keeps count and window end together in one hash under the prefix', async () => {
    const prefix = `${RUN_PREFIX}layout:`;
    const store = openStore(prefix);
    await store.increment('login:ip:203.0.113.9', WINDOW_MS, 5_000);
    expect(await keysUnder(redis, prefix)).toEqual([`${prefix}login:ip:203.0.113.9`]);
    expect(await redis.hgetall(`${prefix}login:ip:203.0.113.9`)).toEqual({ count: '1', end: '65000' });
  });

  it('uses the prefix latchkey: by default', async () => {
    expect(DEFAULT_KEY_PREFIX).toBe('latchkey:');
    const key = `${uniqueKeyPrefix('default-prefix')}k`;
    const store = new RedisCounterStore({ url: TEST_REDIS_URL });
    try {
      await store.increment(key, WINDOW_MS, 0);
      expect(await redis.exists(`latchkey:${key}`)).toBe(1);
    } finally {
      await redis.del(`latchkey:${key}`);
      await store.close();
    }
  });
});

describe('RedisCounterStore misuse and lifecycle', () => {
  it('refuses times that Lua and JavaScript would round differently, as a programming error', async () => {
    const store = openStore(`${RUN_PREFIX}misuse:`);
    await expect(store.increment('k', 1.5, 0)).rejects.toThrow(RangeError);
    await expect(store.increment('k', 0, 0)).rejects.toThrow(RangeError);
    await expect(store.increment('k', WINDOW_MS, Number.MAX_SAFE_INTEGER)).rejects.toThrow(RangeError);
    await expect(store.startIfAbsent('k', 1.5, 0)).rejects.toThrow(RangeError);
    expect(await store.peek('k', 0)).toBeNull();
  });

  it('answers calls made right after it is created, while it is still connecting', async () => {
    const store = openStore(`${RUN_PREFIX}fresh:`);
    const results = await Promise.all(Array.from({ length: 50 }, () => store.increment('k', WINDOW_MS, 0)));
    expect(Math.max(...results.map((r) => r.count))).toBe(50);
  });

  it('is ready through createCounterStore, and rejects every call once closed', async () => {
    const counters = createCounterStore({ redisUrl: TEST_REDIS_URL, keyPrefix: `${RUN_PREFIX}closed:` });
    expect(counters.kind).toBe('redis');
    expect(counters.store).toBeInstanceOf(RedisCounterStore);
    await counters.ready();
    await counters.close();
    await counters.close();
    await expect(counters.store.increment('k', WINDOW_MS, 0)).rejects.toBeInstanceOf(LimitStoreUnavailableError);
    await expect(counters.store.peek('k', 0)).rejects.toBeInstanceOf(LimitStoreUnavailableError);
    await expect(counters.store.reset('k')).rejects.toBeInstanceOf(LimitStoreUnavailableError);
    await expect(counters.store.decrement('k', WINDOW_MS)).rejects.toBeInstanceOf(LimitStoreUnavailableError);
    await expect(counters.ready()).rejects.toBeInstanceOf(LimitStoreUnavailableError);
  });
});
