import { QueryFailedError, type DataSource, type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { outsideTransactions } from './sqlite-one-at-a-time';

/** The entities a select reads, by the alias each has in its FROM clause. */
type Selected = Record<string, EntityTarget<ObjectLiteral>>;

/** A row of a select: one entity per alias, null where an outer join found nothing. */
export type SelectedRow<S extends Selected> = {
  [Alias in keyof S]: S[Alias] extends new () => infer Entity ? Entity | null : ObjectLiteral | null;
};

export interface PreparedSelectSpec<S extends Selected> {
  /** Names the statement on PostgreSQL, where each connection prepares it once. */
  name: string;
  /** Every column of each entity is read, under its alias. */
  select: S;
  /** The FROM clause (tables, aliases and joins), for both databases. */
  from: string;
  /** The rest of the statement: WHERE, ORDER BY, LIMIT; parameters are written `?`. */
  where: string;
}

export interface PreparedSelect<S extends Selected> {
  all(parameters: readonly unknown[]): Promise<Array<SelectedRow<S>>>;
  first(parameters: readonly unknown[]): Promise<SelectedRow<S> | undefined>;
}

/**
 * A result row as the drivers give it in their array mode: the values in the SELECT's order. An
 * object per row would cost more than the query: better-sqlite3 sets each column on it by name
 * through V8's slow path, and the names are only aliases that the entities are rebuilt from anyway.
 */
type RowValues = readonly unknown[];

interface SqliteStatement {
  all(...parameters: unknown[]): RowValues[];
  run(...parameters: unknown[]): { changes: number };
  /** Rows as arrays of values instead of objects (for statements that return rows). */
  raw(toggle: boolean): SqliteStatement;
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

interface PostgresPool {
  query(statement: {
    name: string;
    text: string;
    values: unknown[];
    rowMode?: 'array';
  }): Promise<{ rows: RowValues[]; rowCount: number | null }>;
}

/**
 * A read that runs on every request, built once at start-up from the entities' metadata and
 * executed as a prepared statement: TypeORM's find builds its SQL again at each call (aliases,
 * escaped column lists, and for a relation a second query), which costs more than the query.
 * Rows come back as entities, each value through its column's transformer, like TypeORM's own.
 *
 * Only for reads outside a transaction: the statement runs on a connection of its own choosing.
 * The metadata is read when the select is built, so build it once the DataSource is initialised.
 */
export function preparedSelect<S extends Selected>(dataSource: DataSource, spec: PreparedSelectSpec<S>): PreparedSelect<S> {
  const aliases = Object.entries(spec.select).map(([alias, target]) => ({ alias, metadata: dataSource.getMetadata(target) }));
  const columns = aliases.flatMap(({ alias, metadata }) =>
    metadata.nonVirtualColumns.map((column) => `"${alias}"."${column.databaseName}" AS "${resultName(alias, column.databaseName)}"`),
  );
  const sql = `SELECT ${columns.join(', ')} FROM ${spec.from} ${spec.where}`;
  // Each alias's columns sit side by side in the row, in the order the SELECT lists them.
  let offset = 0;
  const hydrators = aliases.map(({ alias, metadata }) => {
    const hydrator = { alias, hydrate: entityHydrator(dataSource, metadata, offset) };
    offset += metadata.nonVirtualColumns.length;
    return hydrator;
  });
  const hydrate = (values: RowValues) => {
    const row: Record<string, ObjectLiteral | null> = {};
    for (const { alias, hydrate: entityOf } of hydrators) row[alias] = entityOf(values);
    return row as SelectedRow<S>;
  };
  const run = runnerFor(dataSource, spec.name, sql, 'rows');
  // Plain functions over the statement's promise: an async wrapper here would add promises and
  // turns of the event loop to every read of every request.
  return {
    all: (parameters) => run(parameters).then((rows) => rows.map(hydrate)),
    // Only the first row is made an entity, in the statement's own `then`.
    first: (parameters) => run(parameters).then((rows) => (rows.length > 0 ? hydrate(rows[0]!) : undefined)),
  };
}

/**
 * How a statement is run: for its rows, or for the number of rows it changed. A failure comes as
 * TypeORM's QueryFailedError, as TypeORM's own queries do: loggableError keeps its SQL and
 * parameters out of the logs, and isUniqueViolation reads the driver's code in it.
 */
type Mode = 'rows' | 'changes';

function runnerFor(
  dataSource: DataSource,
  name: string,
  sql: string,
  mode: 'rows',
): (parameters: readonly unknown[]) => Promise<RowValues[]>;
function runnerFor(dataSource: DataSource, name: string, sql: string, mode: 'changes'): (parameters: readonly unknown[]) => Promise<number>;
function runnerFor(dataSource: DataSource, name: string, sql: string, mode: Mode): (parameters: readonly unknown[]) => Promise<unknown> {
  if (dataSource.options.type === 'better-sqlite3') {
    // Prepared at first use: the tables may not exist yet when the service is built.
    let statement: SqliteStatement | undefined;
    return (parameters) =>
      outsideTransactions(dataSource, () => {
        try {
          statement ??= prepareOn((dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection, sql, mode);
          return mode === 'rows' ? statement.all(...parameters) : statement.run(...parameters).changes;
        } catch (error) {
          throw new QueryFailedError(sql, [...parameters], error as Error);
        }
      });
  }
  if (dataSource.options.type === 'postgres') {
    const text = placeholdersFor(dataSource, sql);
    return async (parameters) => {
      const pool = (dataSource.driver as unknown as { master: PostgresPool }).master;
      const result = await pool
        .query({ name, text, values: [...parameters], ...(mode === 'rows' ? { rowMode: 'array' as const } : {}) })
        .catch((error: unknown) => {
          throw new QueryFailedError(text, [...parameters], error as Error);
        });
      return mode === 'rows' ? result.rows : (result.rowCount ?? 0);
    };
  }
  throw new Error(`prepared statements do not know the database type ${dataSource.options.type}`);
}

/** A read gives its rows as arrays of values; a write has none to give (better-sqlite3 refuses `raw` on it). */
function prepareOn(connection: SqliteConnection, sql: string, mode: Mode): SqliteStatement {
  const statement = connection.prepare(sql);
  return mode === 'rows' ? statement.raw(true) : statement;
}

export interface PreparedWriteSpec {
  /** Names the statement on PostgreSQL, where each connection prepares it once. */
  name: string;
  /** An INSERT, UPDATE or DELETE with `?` parameters, valid on both databases; instants bound with `instant()`. */
  sql: string;
}

/** Runs a prepared write; answers how many rows it changed. */
export type PreparedWrite = (parameters: readonly unknown[], transaction?: EntityManager) => Promise<number>;

/**
 * A write on a hot path, prepared once (see preparedSelect): TypeORM's update and insert build
 * their SQL again at every call, which costs several times what SQLite takes to run it. Given the
 * manager of a transaction, it runs there instead, through the transaction's own connection.
 */
export function preparedWrite(dataSource: DataSource, spec: PreparedWriteSpec): PreparedWrite {
  const prepared = runnerFor(dataSource, spec.name, spec.sql, 'changes');
  const text = placeholdersFor(dataSource, spec.sql);
  return (parameters, transaction) => {
    const runner = transaction?.queryRunner;
    if (!runner) return prepared(parameters);
    return runner.query(text, [...parameters], true).then((result: { affected?: number }) => result.affected ?? 0);
  };
}

/** PostgreSQL numbers its parameters ($1, $2…); SQLite takes `?` as written. */
function placeholdersFor(dataSource: DataSource, sql: string): string {
  if (dataSource.options.type !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const resultName = (alias: string, column: string) => `${alias}__${column}`;

/**
 * Turns one alias's columns of a result row, from `offset` on, into its entity (null when the row
 * has none, a LEFT JOIN that found nothing). Everything that does not depend on the row is worked
 * out here, once.
 *
 * The function is compiled for the entity, one assignment per column by name: a loop setting
 * `entity[name]` for every entity and column is one store site that has seen every shape, and V8
 * then looks each store up in its caches instead of writing the field where it knows it lies
 * (1–2% of a hot request's instructions, docs/benchmarks.md). The source is built from the
 * entity's metadata alone (property names quoted by JSON.stringify, column indexes), never from data.
 */
function entityHydrator(dataSource: DataSource, metadata: EntityMetadata, offset: number): (values: RowValues) => ObjectLiteral | null {
  const driver = dataSource.driver;
  const primaryKeyAt = metadata.nonVirtualColumns.indexOf(metadata.primaryColumns[0]!);
  if (primaryKeyAt < 0) throw new Error(`prepared select: ${metadata.name}'s primary key is not among its columns`);
  const primaryKey = offset + primaryKeyAt;
  const columns = metadata.nonVirtualColumns.map((column) => ({ column, read: columnReader(driver, column) }));
  const assignments = columns.map(({ column, read }, i) => {
    const value = read ? `columns[${i}].read(values[${offset + i}])` : `values[${offset + i}]`;
    // A column inside an embedded entity takes TypeORM's path; a column of the entity itself is one property.
    return column.embeddedMetadata
      ? `columns[${i}].column.setEntityValue(entity, ${value});`
      : `entity[${JSON.stringify(column.propertyName)}] = ${value};`;
  });
  const source = [
    `if (values[${primaryKey}] === null || values[${primaryKey}] === undefined) return null;`,
    'const entity = create();',
    ...assignments,
    'return entity;',
  ].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from the entity's metadata, see above
  const hydrate = new Function('columns', 'create', `return function hydrate(values) {\n${source}\n};`) as (
    columns: ReadonlyArray<{ column: ColumnMetadata; read: ((value: unknown) => unknown) | null }>,
    create: () => ObjectLiteral,
  ) => (values: RowValues) => ObjectLiteral | null;
  return hydrate(columns, () => metadata.create() as ObjectLiteral);
}

/**
 * Column types that both drivers hand over as the database gave them: for these, TypeORM's
 * hydration only applies the column's transformer, if it has one.
 */
const READ_AS_STORED = new Set<unknown>(['varchar', 'text', 'integer', 'bigint']);

/**
 * How a column's value becomes the entity's: null when it is taken as it is. Decided once per
 * column; asking the driver for every value tested the column's type against a dozen others each
 * time, most of a request's hydration.
 */
export function columnReader(driver: DataSource['driver'], column: ColumnMetadata): ((value: unknown) => unknown) | null {
  const transformer = column.transformer;
  if (!READ_AS_STORED.has(column.type) || Array.isArray(transformer)) return (value): unknown => driver.prepareHydratedValue(value, column);
  if (!transformer) return null;
  return (value): unknown => transformer.from(value);
}
