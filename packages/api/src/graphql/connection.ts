import { Field, ObjectType, type ClassType } from 'type-graphql';
import type { KeysetPage } from '../db/keyset-page';

@ObjectType({ description: 'Where a page of a connection stands in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether entries follow this page: ask again with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last entry of this page; null for an empty page.' })
  endCursor: string | null;

  @Field(() => Boolean, {
    description: 'Whether entries come before this page: false on the first page, true after a cursor with entries before it.',
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first entry of this page; null for an empty page.' })
  startCursor: string | null;
}

/** What a connection field answers: its edges and where the page stands. */
export interface Connection<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: PageInfo;
}

/**
 * The Edge and Connection types of one node type, named `<name>Edge` and `<name>Connection`: a
 * page of a list, newest first, each entry with the opaque cursor to ask for the entries after it.
 */
export function connectionType<T extends object>(
  node: ClassType<T>,
  name: string,
  what: { one: string; many: string },
): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${what.one} of a page, with its cursor.` })
  class Edge {
    @Field(() => node, { description: `The ${what.one}.` })
    node: T;

    @Field(() => String, { description: 'Opaque: give it as `after` for the entries that follow this one.' })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what.many}, newest first.` })
  class ConnectionOfNode {
    @Field(() => [Edge], { description: `The ${what.many} of this page, in order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more entries follow, and the cursors to ask for them.' })
    pageInfo: PageInfo;
  }
  return ConnectionOfNode;
}

/** A page read by keyset, as a connection answers it. */
export function connectionOf<T>(page: KeysetPage<T>): Connection<T> {
  return {
    edges: page.edges,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.edges[0]?.cursor ?? null,
      endCursor: page.edges.at(-1)?.cursor ?? null,
    }),
  };
}

/** How the `first` and `after` arguments of every connection are described. */
export const PAGE_ARGUMENTS = {
  first: (max: number, defaultSize: number) =>
    `How many entries, 1 to ${max} (left out or null: ${defaultSize}); outside that range BAD_USER_INPUT, reason PAGE_SIZE.`,
  after:
    'The `endCursor` of the page before (or any entry’s `cursor`) for the entries after it; left out for the first page. ' +
    'Anything this list did not give: BAD_USER_INPUT, reason CURSOR_INVALID.',
} as const;
