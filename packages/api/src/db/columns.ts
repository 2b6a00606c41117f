import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

/** An instant as it is bound to a statement written by hand: the same BigInt of epoch milliseconds. */
export const instant = (value: Date): bigint => BigInt(value.getTime());

/**
 * Instants are stored as epoch milliseconds in a BIGINT on both SQLite and PostgreSQL: one
 * representation, no time-zone conversions, and plain integer comparisons in queries.
 */
const epochMilliseconds: ValueTransformer = {
  // A BigInt, not a number: TypeORM writes numbers into SQLite's SQL text as literals, so every
  // statement holding a timestamp was new text to prepare; a BigInt is bound as a parameter, and
  // the statement is prepared once. PostgreSQL's driver sends either as text.
  to: (value: Date | null | undefined) => (value instanceof Date ? instant(value) : value),
  // The pg driver returns BIGINT as a string; better-sqlite3 returns a number.
  from: (value: string | number | null) => (value === null || value === undefined ? null : new Date(Number(value))),
};

export function InstantColumn(options: Pick<ColumnOptions, 'nullable' | 'name'> = {}): PropertyDecorator {
  return Column({ type: 'bigint', transformer: epochMilliseconds, ...options });
}
