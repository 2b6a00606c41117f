// Written by hand: it moves data, which a generated migration cannot do.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runWithoutForeignKeys } from '../../sqlite-migration';
import { MOVE_METHOD_STATE_DOWN, MOVE_METHOD_STATE_UP } from '../move-method-state';

export class MoveMethodState1795936133640 implements MigrationInterface {
  name = 'MoveMethodState1795936133640';
  // SQLite migrations run their own transaction, with foreign keys off (see sqlite-migration.ts).
  transaction = false as const;

  async up(queryRunner: QueryRunner): Promise<void> {
    await runWithoutForeignKeys(queryRunner, MOVE_METHOD_STATE_UP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runWithoutForeignKeys(queryRunner, MOVE_METHOD_STATE_DOWN);
  }
}
