import { existsSync, readFileSync, statSync } from 'node:fs';

/** A statement a server sent, as sql-capture.cjs caught it at the driver. */
export interface CapturedStatement {
  driver: 'sqlite' | 'postgres';
  sql: string;
  params: unknown[];
}

/** Reads what a capture file gained since `offset` (a byte offset from `sqlLogSize`). */
export function statementsSince(file: string, offset: number): CapturedStatement[] {
  return readFileSync(file)
    .subarray(offset)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CapturedStatement);
}

export const sqlLogSize = (file: string) => (existsSync(file) ? statSync(file).size : 0);

export type Verb = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'OTHER';

export function verbOf(sql: string): Verb {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return word === 'SELECT' || word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' ? word : 'OTHER';
}

/** The tables a statement names (FROM, JOIN, INTO, UPDATE), in order, without duplicates. */
export function tablesOf(sql: string): string[] {
  const names = [...sql.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+"?([a-z_][a-z0-9_]*)"?/gi)].map((m) => m[1]!.toLowerCase());
  return [...new Set(names)];
}

/**
 * What an operation did to the database, in a form both an ORM's SQL and hand-written SQL can be
 * compared by: the writes in order (verb and table), and the set of tables read. A read of a row
 * the same operation has just inserted (TypeORM reads back the column defaults) is no read of
 * data: it is left out.
 */
export function effectOf(statements: CapturedStatement[]): { writes: string[]; reads: string[] } {
  const writes: string[] = [];
  const reads = new Set<string>();
  const inserted = new Set<unknown>();
  for (const statement of statements) {
    const verb = verbOf(statement.sql);
    const tables = tablesOf(statement.sql);
    if (verb === 'SELECT') {
      const readsBack = statement.params.length > 0 && statement.params.every((p) => inserted.has(p));
      if (!readsBack) for (const table of tables) reads.add(table);
    } else if (verb !== 'OTHER') {
      writes.push(`${verb} ${tables[0]}`);
      if (verb === 'INSERT') for (const p of statement.params) if (typeof p === 'string') inserted.add(p);
    }
  }
  return { writes, reads: [...reads].sort() };
}
