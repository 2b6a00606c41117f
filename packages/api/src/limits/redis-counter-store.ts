import type Redis from 'ioredis';
import type { CounterState, CounterStore, WindowStart } from './counter-store';
import { LimitStoreUnavailableError } from './limit-store-unavailable.error';
import {
  closeRedis,
  connectToRedis,
  DEFAULT_COMMAND_TIMEOUT_MS,
  pingRedis,
  whenConnected,
  type RedisConnectionOptions,
} from './redis-connection';

export interface RedisCounterStoreOptions extends RedisConnectionOptions {
  /** redis:// or rediss:// (TLS) URL, as in REDIS_URL. */
  url: string;
  /** Put before every key, so deployments (and test runs) can share one Redis. */
  keyPrefix?: string;
}

export const DEFAULT_KEY_PREFIX = 'latchkey:';

/**
 * Redis forgets a window this long after its real-time end. Windows end on the callers' clock
 * (`nowMs`), while Redis expires keys on its own clock; the margin absorbs the skew between API
 * processes' clocks, so Redis never drops a live window early (which would end a lockout early).
 * Too late is harmless: reads compare the stored end with `nowMs`, and the key only lingers this
 * much longer. The expiry is relative (PEXPIRE, window + margin from when Redis runs the script),
 * not PEXPIREAT of the caller's window end: that end is on the caller's clock, which in tests is a
 * manual clock that may stand in 1970, and Redis would drop such a key at once.
 */
export const EXPIRY_MARGIN_MS = 60_000;

/** How long `ready()` waits for a connection and a PING: inside a typical 1 s readiness-probe budget. */
export const DEFAULT_READY_TIMEOUT_MS = 800;

/**
 * One window per key, kept as a hash { count, end }: the count and the window end (ms on the
 * caller's clock) are written together and read together.
 *
 * KEYS[1]: the prefixed key. ARGV[1]: the caller's now; ARGV[2]: the end of a window that would start
 * now; ARGV[3]: the real-time TTL of such a window.
 *
 * A live window (its end after now, by the caller's clock) takes one more hit; otherwise (absent, or
 * ended by the caller's clock even if Redis still holds it) a new window starts with count 1, and
 * the key expires with it. The whole script runs atomically, so parallel callers each get their own
 * count and none sees a half-written window. Times travel as decimal strings, not Lua numbers, which
 * Lua would print as 1e+14 once they grow; the comparison (doubles) is exact below 2^53.
 */
const INCREMENT_SCRIPT = `
local ends = redis.call('HGET', KEYS[1], 'end')
if ends and tonumber(ends) > tonumber(ARGV[1]) then
  return { redis.call('HINCRBY', KEYS[1], 'count', 1), ends }
end
redis.call('HSET', KEYS[1], 'count', 1, 'end', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 1, ARGV[2] }
`;

/**
 * KEYS[1]: the prefixed key. ARGV[1]: the end of the window the hit was counted in. Takes one hit
 * back from that window only (another end: it ended and a new one began, which owes nothing), and
 * drops the key at zero so the next hit starts a fresh window. Atomic like the increment.
 */
const DECREMENT_SCRIPT = `
local ends = redis.call('HGET', KEYS[1], 'end')
if not ends or tonumber(ends) ~= tonumber(ARGV[1]) then
  return -1
end
local count = redis.call('HINCRBY', KEYS[1], 'count', -1)
if count <= 0 then
  redis.call('DEL', KEYS[1])
  return 0
end
return count
`;

/**
 * Same keys and arguments as INCREMENT_SCRIPT. A live window is left as it is and answered with a 0
 * (not started); otherwise a new one starts with count 1 and a 1 is answered. Being one script, a
 * window is started by exactly one of any number of parallel callers.
 */
const START_IF_ABSENT_SCRIPT = `
local ends = redis.call('HGET', KEYS[1], 'end')
if ends and tonumber(ends) > tonumber(ARGV[1]) then
  return { 0, redis.call('HGET', KEYS[1], 'count'), ends }
end
redis.call('HSET', KEYS[1], 'count', 1, 'end', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 1, 1, ARGV[2] }
`;

/** The scripts as client commands: ioredis sends EVALSHA and falls back to EVAL on NOSCRIPT. */
interface CounterCommands {
  latchkeyCounterIncrement(key: string, nowMs: string, windowEndMs: string, ttlMs: string): Promise<[number, string]>;
  latchkeyCounterDecrement(key: string, windowEndMs: string): Promise<number>;
  latchkeyCounterStartIfAbsent(key: string, nowMs: string, windowEndMs: string, ttlMs: string): Promise<[number, string, string]>;
}

/**
 * Counters shared by every API process that points at the same Redis (and key prefix). Every
 * operation either answers from Redis or rejects with LimitStoreUnavailableError, promptly: see
 * redis-connection.ts. After an outage it works again as soon as Redis does.
 */
export class RedisCounterStore implements CounterStore {
  private readonly client: Redis & CounterCommands;
  private readonly keyPrefix: string;
  /** How long a call waits for a connection attempt already under way (never for a new one). */
  private readonly connectWaitMs: number;

  constructor(options: RedisCounterStoreOptions) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.connectWaitMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const client = connectToRedis(options.url, options);
    client.defineCommand('latchkeyCounterIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    client.defineCommand('latchkeyCounterDecrement', { numberOfKeys: 1, lua: DECREMENT_SCRIPT });
    client.defineCommand('latchkeyCounterStartIfAbsent', { numberOfKeys: 1, lua: START_IF_ABSENT_SCRIPT });
    this.client = client as Redis & CounterCommands;
  }

  async increment(key: string, windowMs: number, nowMs: number): Promise<CounterState> {
    const args = this.windowArgs(key, windowMs, nowMs);
    const [count, windowEnd] = await this.call(() => this.client.latchkeyCounterIncrement(...args));
    return { count: Number(count), resetAtMs: Number(windowEnd) };
  }

  async startIfAbsent(key: string, windowMs: number, nowMs: number): Promise<WindowStart> {
    const args = this.windowArgs(key, windowMs, nowMs);
    const [started, count, windowEnd] = await this.call(() => this.client.latchkeyCounterStartIfAbsent(...args));
    return { started: Number(started) === 1, state: { count: Number(count), resetAtMs: Number(windowEnd) } };
  }

  /** The script arguments for a window that would start now: key, now, its end, its real-time TTL. Bad times throw here, not as an outage. */
  private windowArgs(key: string, windowMs: number, nowMs: number): [string, string, string, string] {
    assertWholeMs('nowMs', nowMs);
    assertWholeMs('windowMs', windowMs);
    if (windowMs <= 0) throw new RangeError('windowMs must be positive');
    assertWholeMs('the window end', nowMs + windowMs);
    return [this.redisKey(key), String(nowMs), String(nowMs + windowMs), String(windowMs + EXPIRY_MARGIN_MS)];
  }

  async peek(key: string, nowMs: number): Promise<CounterState | null> {
    // One HMGET reads count and end together, so it needs no script to be consistent.
    const [count, windowEnd] = await this.call(() => this.client.hmget(this.redisKey(key), 'count', 'end'));
    if (count === null || windowEnd === null) return null;
    const resetAtMs = Number(windowEnd);
    // Ended by the caller's clock: gone, even while Redis keeps the key for the margin.
    if (resetAtMs <= nowMs) return null;
    return { count: Number(count), resetAtMs };
  }

  async reset(key: string): Promise<void> {
    await this.call(() => this.client.del(this.redisKey(key)));
  }

  async decrement(key: string, windowEndMs: number): Promise<void> {
    assertWholeMs('windowEndMs', windowEndMs);
    await this.call(() => this.client.latchkeyCounterDecrement(this.redisKey(key), String(windowEndMs)));
  }

  /** Resolves when Redis answers a PING in time (for readiness checks and start-up). */
  async ready(timeoutMs = DEFAULT_READY_TIMEOUT_MS): Promise<void> {
    try {
      await pingRedis(this.client, timeoutMs);
    } catch (error) {
      throw new LimitStoreUnavailableError(error);
    }
  }

  /** Closes the connection; the store rejects every call afterwards. */
  async close(): Promise<void> {
    await closeRedis(this.client);
  }

  private redisKey(key: string): string {
    return this.keyPrefix + key;
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      await whenConnected(this.client, this.connectWaitMs);
      return await command();
    } catch (error) {
      throw new LimitStoreUnavailableError(error);
    }
  }
}

/** Fractions or huge values would round differently in Lua and JavaScript; refuse them loudly. */
function assertWholeMs(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number of milliseconds`);
}
