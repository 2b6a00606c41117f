import { LimitStoreUnavailableError } from '../../src/limits/limit-store-unavailable.error';
import { RedisCounterStore } from '../../src/limits/redis-counter-store';
import { freePort } from '../support/api-process';
import { PrivateRedisServer } from '../support/private-redis-server';
import { uniqueKeyPrefix } from '../support/redis-test-support';

/** How fast a call must fail when Redis is gone or hung (the command timeout is 1 s). */
const PROMPT_FAILURE_MS = 2_000;
/** How soon the store must work again once Redis is back (reconnects back off to 1 s). */
const RECOVERY_MS = 5_000;
const POLL_EVERY_MS = 25;
const WINDOW_MS = 60_000;
const KEY = '2fa:failures:user-4711';

let server: PrivateRedisServer;
const stores: RedisCounterStore[] = [];

beforeAll(async () => {
  server = await PrivateRedisServer.start();
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await server.stop();
});

function openStore(url: string, onError?: (error: Error) => void): RedisCounterStore {
  const store = new RedisCounterStore({ url, keyPrefix: uniqueKeyPrefix('fail-closed'), onError });
  stores.push(store);
  return store;
}

/** Runs `call`, expects LimitStoreUnavailableError, and answers how long the rejection took. */
async function timeRejection(call: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  const error = await call().then(
    () => undefined,
    (reason: unknown) => reason,
  );
  const elapsed = Date.now() - started;
  expect(error).toBeInstanceOf(LimitStoreUnavailableError);
  // The key names a user: neither the message nor the kept cause may carry it.
  const unavailable = error as LimitStoreUnavailableError;
  expect(unavailable.message).toBe('The attempt-limit store is unavailable.');
  expect(unavailable.code).toBe('LIMIT_STORE_UNAVAILABLE');
  expect(String(unavailable.cause)).not.toContain('4711');
  expect(JSON.stringify(unavailable.cause)).not.toContain('4711');
  return elapsed;
}

/** Polls `call` until it succeeds (Redis reconnects in the background) and answers its result. */
async function eventually<T>(call: () => Promise<T>, withinMs: number): Promise<{ result: T; afterMs: number }> {
  const started = Date.now();
  for (;;) {
    try {
      return { result: await call(), afterMs: Date.now() - started };
    } catch (error) {
      if (!(error instanceof LimitStoreUnavailableError) || Date.now() - started > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  }
}

describe('RedisCounterStore fails closed', () => {
  it('rejects promptly while Redis is down, and works again when it is back, with the same store', async () => {
    const errors: Error[] = [];
    const store = openStore(server.url, (error) => errors.push(error));
    await store.ready();
    expect(await store.increment(KEY, WINDOW_MS, 1_000)).toEqual({ count: 1, resetAtMs: 61_000 });

    await server.kill();
    // The first call after the crash may be the one that finds the connection gone.
    expect(await timeRejection(() => store.increment(KEY, WINDOW_MS, 2_000))).toBeLessThan(PROMPT_FAILURE_MS);
    expect(await timeRejection(() => store.increment(KEY, WINDOW_MS, 2_000))).toBeLessThan(PROMPT_FAILURE_MS);
    expect(await timeRejection(() => store.peek(KEY, 2_000))).toBeLessThan(PROMPT_FAILURE_MS);
    expect(await timeRejection(() => store.reset(KEY))).toBeLessThan(PROMPT_FAILURE_MS);
    expect(await timeRejection(() => store.startIfAbsent(KEY, WINDOW_MS, 2_000))).toBeLessThan(PROMPT_FAILURE_MS);
    expect(await timeRejection(() => store.ready())).toBeLessThan(PROMPT_FAILURE_MS);

    // The new server is empty and has never seen the script: EVALSHA falls back to EVAL.
    await server.start();
    const { result, afterMs } = await eventually(() => store.increment(KEY, WINDOW_MS, 3_000), RECOVERY_MS);
    expect(result).toEqual({ count: 1, resetAtMs: 63_000 });
    expect(afterMs).toBeLessThan(RECOVERY_MS);
    expect(await store.increment(KEY, WINDOW_MS, 4_000)).toEqual({ count: 2, resetAtMs: 63_000 });
    await expect(store.ready()).resolves.toBeUndefined();

    // The outage was reported once, not once per reconnect attempt.
    expect(errors).toHaveLength(1);
  });

  it('rejects promptly while Redis hangs, and works again when it answers', async () => {
    const store = openStore(server.url);
    await store.ready();
    await store.increment(KEY, WINDOW_MS, 1_000);

    server.pause();
    try {
      const elapsed = await Promise.all([
        timeRejection(() => store.increment(KEY, WINDOW_MS, 2_000)),
        timeRejection(() => store.peek(KEY, 2_000)),
        timeRejection(() => store.reset(KEY)),
      ]);
      for (const ms of elapsed) expect(ms).toBeLessThan(PROMPT_FAILURE_MS);
    } finally {
      server.resume();
    }

    // The timed-out commands may still run once Redis wakes (the caller was refused either way);
    // a fresh key shows the store answers again.
    const { result } = await eventually(() => store.increment(`${KEY}:after`, WINDOW_MS, 3_000), RECOVERY_MS);
    expect(result).toEqual({ count: 1, resetAtMs: 63_000 });
  });

  it('rejects promptly when Redis was never there', async () => {
    const port = await freePort();
    const store = openStore(`redis://127.0.0.1:${port}`);
    expect(await timeRejection(() => store.increment(KEY, WINDOW_MS, 0))).toBeLessThan(PROMPT_FAILURE_MS);
    expect(await timeRejection(() => store.peek(KEY, 0))).toBeLessThan(PROMPT_FAILURE_MS);
    expect(await timeRejection(() => store.ready(300))).toBeLessThan(PROMPT_FAILURE_MS);
  });
});
