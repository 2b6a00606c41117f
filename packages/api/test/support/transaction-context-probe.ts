// Run as a process of its own by sqlite-transactions.test.ts: Jest tracks promises itself, so
// whether a transaction leaves Node tracking them can only be seen outside it.
import 'reflect-metadata';
import { executionAsyncId } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/data-source';
import { ENTITIES } from '../../src/composition-root';

/** A promise's continuation has an async id only while Node tracks promises for a context. */
async function asyncIdAfterAwait(): Promise<number> {
  await Promise.resolve();
  return executionAsyncId();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-probe-'));
  const dataSource = await openDatabase({ type: 'sqlite', path: path.join(dir, 'probe.sqlite') }, { entities: ENTITIES, migrate: true });
  try {
    const before = await asyncIdAfterAwait();
    const inside: number[] = [];
    await Promise.all(
      [1, 2].map(() =>
        dataSource.transaction(async (manager) => {
          await manager.query('SELECT 1');
          inside.push(await asyncIdAfterAwait());
        }),
      ),
    );
    const after = await asyncIdAfterAwait();
    console.log(JSON.stringify({ before, inside, after }));
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
