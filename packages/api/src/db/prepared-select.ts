import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
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

interface SqliteConnection {
  prepare(sql: string): { all(...parameters: unknown[]): unknown[] };
}

interface PostgresPool {
  query(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
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
  const hydrate = (raw: Record<string, unknown>) =>
    Object.fromEntries(aliases.map(({ alias, metadata }) => [alias, entityOf(dataSource, metadata, alias, raw)])) as SelectedRow<S>;
  const run = runnerFor(dataSource, spec.name, sql);
  const all = async (parameters: readonly unknown[]) => (await run(parameters)).map((raw) => hydrate(raw as Record<string, unknown>));
  return { all, first: async (parameters) => (await all(parameters))[0] };
}

function runnerFor(dataSource: DataSource, name: string, sql: string): (parameters: readonly unknown[]) => Promise<unknown[]> {
  if (dataSource.options.type === 'better-sqlite3') {
    // Prepared at first use: the tables may not exist yet when the service is built.
    let statement: ReturnType<SqliteConnection['prepare']> | undefined;
    return (parameters) =>
      outsideTransactions(dataSource, () => {
        statement ??= (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection.prepare(sql);
        return statement.all(...parameters);
      });
  }
  if (dataSource.options.type === 'postgres') {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const pool = (dataSource.driver as unknown as { master: PostgresPool }).master;
    return async (parameters) => (await pool.query({ name, text, values: [...parameters] })).rows;
  }
  throw new Error(`preparedSelect does not know the database type ${dataSource.options.type}`);
}

const resultName = (alias: string, column: string) => `${alias}__${column}`;

function entityOf(dataSource: DataSource, metadata: EntityMetadata, alias: string, raw: Record<string, unknown>): ObjectLiteral | null {
  const primary = metadata.primaryColumns[0]!;
  if (raw[resultName(alias, primary.databaseName)] === null || raw[resultName(alias, primary.databaseName)] === undefined) return null;
  const entity = metadata.create() as ObjectLiteral;
  for (const column of metadata.nonVirtualColumns) {
    const value = raw[resultName(alias, column.databaseName)];
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
  }
  return entity;
}
