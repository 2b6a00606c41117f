import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { checkInputs, fail } from '../errors/app-error';

/**
 * Pages of a list read newest first by (created_at, id): a keyset, not an offset, so a page never
 * repeats or skips an entry when newer ones arrive between two reads, and reading page 100 costs
 * what page 1 does (an index range scan from the cursor, not 99 pages thrown away).
 */

/** Where a page starts: after the entry with this instant and id (the last one of the page before). */
export interface KeysetPosition {
  createdAtMs: number;
  id: string;
}

/** The bounds of `first` for one list. */
export interface PageBounds {
  defaultSize: number;
  maxSize: number;
}

export const DEFAULT_PAGE_BOUNDS: PageBounds = { defaultSize: 50, maxSize: 200 };

export interface PageRequest {
  size: number;
  after: KeysetPosition | null;
}

export interface KeysetPage<T> {
  edges: Array<{ node: T; cursor: string }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const MIN_PAGE_SIZE = 1;
/** A cursor names its list, so one list's cursor given to another is refused instead of misread. */
const CURSOR = /^([a-z]{1,16}):(\d{1,15}):([0-9a-f-]{36})$/;

export function encodeCursor(list: string, position: KeysetPosition): string {
  return Buffer.from(`${list}:${position.createdAtMs}:${position.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or BAD_USER_INPUT (CURSOR_INVALID) for anything this list never gave. */
export function decodeCursor(list: string, cursor: string): KeysetPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = CURSOR.exec(text);
  // Node decodes base64url leniently: only the exact text a cursor was made of is one.
  if (!match || match[1] !== list || encodeCursor(list, { createdAtMs: Number(match[2]), id: match[3]! }) !== cursor) {
    throw fail('CURSOR_INVALID');
  }
  return { createdAtMs: Number(match[2]), id: match[3]! };
}

/**
 * Checks `first` and `after` together (both problems are told at once): `first` within its bounds
 * (left out or null: the default), `after` a cursor of this list.
 */
export async function pageRequest(
  list: string,
  first: number | null | undefined,
  after: string | null | undefined,
  bounds: PageBounds = DEFAULT_PAGE_BOUNDS,
): Promise<PageRequest> {
  const [size, position] = await checkInputs(
    () => {
      const size = first ?? bounds.defaultSize;
      if (!Number.isInteger(size) || size < MIN_PAGE_SIZE || size > bounds.maxSize) {
        throw fail('PAGE_SIZE', { min: MIN_PAGE_SIZE, max: bounds.maxSize });
      }
      return size;
    },
    () => (after === null || after === undefined ? null : decodeCursor(list, after)),
  );
  return { size, after: position };
}

/**
 * Reads one page, newest first, of the rows `base()` selects (a fresh query each call). `alias` is
 * the query's alias, whose table has `created_at` and `id` columns. One query for the page (one
 * row more than asked tells whether there is a next page), and one small one for hasPreviousPage
 * when the page starts after a cursor.
 */
export async function readKeysetPage<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  list: string,
  base: () => SelectQueryBuilder<T>,
  alias: string,
  request: PageRequest,
): Promise<KeysetPage<T>> {
  const createdAt = `${alias}.created_at`;
  const id = `${alias}.id`;
  const page = base();
  if (request.after) {
    page.andWhere(`(${createdAt} < :afterAt OR (${createdAt} = :afterAt AND ${id} < :afterId))`, {
      afterAt: request.after.createdAtMs,
      afterId: request.after.id,
    });
  }
  const rows = await page
    .orderBy(createdAt, 'DESC')
    .addOrderBy(id, 'DESC')
    .limit(request.size + 1)
    .getMany();
  const hasPreviousPage = request.after
    ? await base()
        .andWhere(`(${createdAt} > :afterAt OR (${createdAt} = :afterAt AND ${id} >= :afterId))`, {
          afterAt: request.after.createdAtMs,
          afterId: request.after.id,
        })
        .getExists()
    : false;
  return {
    edges: rows.slice(0, request.size).map((node) => ({
      node,
      cursor: encodeCursor(list, { createdAtMs: node.createdAt.getTime(), id: node.id }),
    })),
    hasNextPage: rows.length > request.size,
    hasPreviousPage,
  };
}
