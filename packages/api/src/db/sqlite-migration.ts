import type { QueryRunner } from 'typeorm';

/**
 * Runs SQLite migration statements with foreign keys off. SQLite changes a table by copying it and
 * dropping the original, and with foreign keys on, dropping `users` would first delete every row
 * that references it (ON DELETE CASCADE). The pragma only takes effect outside a transaction, so
 * SQLite migrations manage their own; `PRAGMA foreign_key_check` refuses to commit a broken result.
 */
export async function runWithoutForeignKeys(queryRunner: QueryRunner, statements: string[]): Promise<void> {
  await queryRunner.query('PRAGMA foreign_keys = OFF');
  await queryRunner.startTransaction();
  try {
    for (const statement of statements) await queryRunner.query(statement);
    const violations = (await queryRunner.query('PRAGMA foreign_key_check')) as unknown[];
    if (violations.length > 0) throw new Error(`migration would break ${violations.length} foreign key reference(s)`);
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.query('PRAGMA foreign_keys = ON');
  }
}
