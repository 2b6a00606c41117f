// Written by hand: it moves data, which a generated migration cannot do.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MOVE_METHOD_STATE_DOWN, MOVE_METHOD_STATE_UP } from '../move-method-state';

export class MoveMethodState1795936133640 implements MigrationInterface {
  name = 'MoveMethodState1795936133640';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of MOVE_METHOD_STATE_UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of MOVE_METHOD_STATE_DOWN) await queryRunner.query(statement);
  }
}
