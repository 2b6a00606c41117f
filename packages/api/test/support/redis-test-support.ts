import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** The machine's shared Redis; tests only add and remove keys under a prefix of their own. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other run or test file uses. */
export function uniqueKeyPrefix(label: string): string {
  return `latchkey-test:${label}:${process.pid}-${randomBytes(6).toString('hex')}:`;
}

/** A plain client for looking at what a store wrote. */
export function inspector(url = TEST_REDIS_URL): Redis {
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** Every key under `prefix` (the prefix holds no glob characters). */
export async function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

export async function deleteKeysUnder(client: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(client, prefix);
  if (keys.length) await client.del(...keys);
}
