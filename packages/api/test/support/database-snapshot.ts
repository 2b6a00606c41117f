import type { TestApp } from './test-app';
import { ENTITIES } from '../../src/composition-root';

/** Every row of every table, in a stable order: two snapshots are equal when nothing was written. */
export async function databaseSnapshot(t: TestApp): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const entity of ENTITIES) {
    const repository = t.app.dataSource.getRepository(entity);
    const order = Object.fromEntries(repository.metadata.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
    snapshot[repository.metadata.tableName] = await repository.find({ order });
  }
  return snapshot;
}
