import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ENTITIES } from '../../src/composition-root';
import { openDatabase } from '../../src/db/data-source';
import { columnReader, preparedSelect } from '../../src/db/prepared-statements';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { Role } from '../../src/modules/auth/role';
import { LoginChallengeEntity } from '../../src/modules/two-factor/entities/login-challenge.entity';
import { TwoFactorMethod } from '../../src/modules/two-factor/two-factor-method';
import { createScratchPostgres, type ScratchDatabase } from '../support/postgres';
import { TEST_DATABASE } from '../support/test-app';

/**
 * The hot paths' prepared reads build their entities themselves, from rows of values: they must
 * come out as TypeORM's own find makes them, column for column, on either database.
 */
describe(`prepared reads hydrate entities as TypeORM does (${TEST_DATABASE})`, () => {
  let dataSource: DataSource;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    if (TEST_DATABASE === 'postgres') {
      const scratch: ScratchDatabase = await createScratchPostgres('prepared');
      dataSource = await openDatabase({ type: 'postgres', url: scratch.url }, { entities: ENTITIES, migrate: true });
      cleanUp = () => scratch.drop();
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-prepared-'));
      dataSource = await openDatabase({ type: 'sqlite', path: path.join(dir, 'prepared.sqlite') }, { entities: ENTITIES, migrate: true });
      cleanUp = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await dataSource.destroy();
    await cleanUp();
  });

  it('reads every column of every entity as the driver would, nulls too', () => {
    // What the two drivers hand back: text, numbers (SQLite's integers), numeric text (PostgreSQL's BIGINT), NULL.
    const samples: unknown[] = [null, 'abc', '', 42, 0, 1, 1_700_000_000_000, '1700000000000', '2024-05-06 07:08:09'];
    // A Date as its instant, so that two invalid ones (NaN) compare equal, as they hydrate alike.
    const comparable = (value: unknown) => (value instanceof Date ? `Date(${value.getTime()})` : value);
    const outcome = (read: () => unknown) => {
      try {
        return { result: comparable(read()) };
      } catch (error) {
        return { threw: String(error) };
      }
    };
    const entityColumns = dataSource.entityMetadatas.flatMap((metadata) => metadata.nonVirtualColumns);
    expect(entityColumns.length).toBeGreaterThan(50);
    // Types no entity uses yet, with and without a transformer: the rule must hold for them too.
    const instantColumn = entityColumns.find((column) => column.databaseName === 'created_at' && column.transformer)!;
    const otherTypes = [
      Boolean,
      'boolean',
      Number,
      Date,
      'datetime',
      'date',
      'time',
      'timestamp',
      'timestamptz',
      'simple-json',
      'simple-array',
    ];
    const shapes = otherTypes.flatMap((type) =>
      [undefined, instantColumn.transformer, [instantColumn.transformer!]].map(
        (transformer) => Object.assign(Object.create(instantColumn) as ColumnMetadata, { type, transformer }) as ColumnMetadata,
      ),
    );
    const columns = [...entityColumns, ...shapes];
    for (const column of columns) {
      const reader = columnReader(dataSource.driver, column);
      for (const value of samples) {
        const ours = outcome(() => (reader ? reader(value) : value));
        const typeorms = outcome(() => dataSource.driver.prepareHydratedValue(value, column));
        const name = `${column.entityMetadata.tableName}.${column.databaseName} (${String(column.type)})`;
        expect({ column: name, value, ...ours }).toEqual({
          column: name,
          value,
          ...typeorms,
        });
      }
    }
  });

  it('reads a joined row into the same entities as find with its relation', async () => {
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      email: `prepared.${randomUUID()}@example.com`,
      passwordHash: 'not a hash',
      role: Role.CUSTOMER,
      emailVerifiedAt: null,
      createdAt: new Date(1_700_000_000_123),
      twoFactorPromptDismissedAt: new Date(1_700_000_100_456),
      twoFactorRequiredSince: null,
    });
    await dataSource.getRepository(UserEntity).insert(user);
    const challenge = Object.assign(new LoginChallengeEntity(), {
      id: randomUUID(),
      userId: user.id,
      method: TwoFactorMethod.TOTP,
      attempts: 3,
      createdAt: new Date(1_700_000_200_000),
      expiresAt: new Date(1_700_000_500_000),
      completedAt: null,
    });
    await dataSource.getRepository(LoginChallengeEntity).insert(challenge);

    const select = preparedSelect(dataSource, {
      name: 'test_challenge_with_user',
      select: { challenge: LoginChallengeEntity, user: UserEntity },
      from: '"login_challenges" "challenge" LEFT JOIN "users" "user" ON "user"."id" = "challenge"."user_id"',
      where: 'WHERE "challenge"."id" = ?',
    });
    const row = await select.first([challenge.id]);
    const found = await dataSource.getRepository(LoginChallengeEntity).findOne({ where: { id: challenge.id }, relations: { user: true } });

    expect(row?.challenge).toBeInstanceOf(LoginChallengeEntity);
    expect(row?.user).toBeInstanceOf(UserEntity);
    const { user: foundUser, ...foundChallenge } = found!;
    expect(row?.challenge).toEqual(Object.assign(new LoginChallengeEntity(), foundChallenge));
    expect(row?.user).toEqual(foundUser);
    expect(row?.challenge?.createdAt).toEqual(new Date(1_700_000_200_000));
    expect(row?.user?.twoFactorPromptDismissedAt).toEqual(new Date(1_700_000_100_456));
    expect(await select.first([randomUUID()])).toBeUndefined();
  });

  it('reads every entity as find does, a compiled hydration for each', async () => {
    // Each entity's hydration is compiled from its metadata when the read is built; the test
    // before this one left a user and a challenge, so two tables have a row to compare.
    let compared = 0;
    for (const metadata of dataSource.entityMetadatas) {
      const read = preparedSelect(dataSource, {
        name: `test_every_${metadata.tableName}`,
        select: { entity: metadata.target as new () => ObjectLiteral },
        from: `"${metadata.tableName}" "entity"`,
        where: 'LIMIT 1',
      });
      const rows = (await read.all([])).map((row) => row.entity);
      expect(rows).toEqual(await dataSource.getRepository(metadata.target).find({ take: 1 }));
      compared += rows.length;
    }
    expect(compared).toBeGreaterThanOrEqual(2);
  });
});
