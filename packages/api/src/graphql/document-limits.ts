import { Kind, type DocumentNode, type FragmentDefinitionNode, type ParseOptions } from 'graphql';

/**
 * What one GraphQL document may ask for, checked before anything runs. The panel's operations are
 * small: at most 4 levels deep, no aliases, one root field, under 100 tokens with their fragments,
 * and the costliest (a 50-entry page of a security log) costs 455. The limits leave integrators
 * several times that room and stop what made other users wait: 1,500 aliased copies of a
 * 200-entry log page in one request.
 */
export const DOCUMENT_LIMITS = {
  /**
   * Tokens the parser reads before giving up. graphql-js parses recursively and runs out of stack
   * somewhere past 2,000 nested brackets; a document of 1,000 tokens cannot nest half as deep, and
   * is still five times the standard introspection query (about 180 tokens).
   */
  maxTokens: 1_000,
  /** Our own types nest 4 levels; development tools' introspection query nests 15 (its ofType chain). */
  maxDepth: 15,
  /** The panel sends none; a client batching a few reads under other names has room. */
  maxAliases: 20,
  /** The panel asks one root field per operation; a dashboard reading everything asks about five. */
  maxRootFields: 10,
  /**
   * Every field costs 1; a list with a `first` argument multiplies what it selects by the entries
   * it may answer (a connection: what its `edges` select). One 200-entry page of a log with every
   * field fits (1,805); two of them, or three pages of the deprecated list (3 × 1,201), do not.
   */
  maxCost: 2_500,
  /**
   * The most entries any paged list answers (the security logs; searches answer fewer). A `first`
   * given as a variable is costed at this, since validation runs before variables are known.
   */
  pageCeiling: 200,
} as const;

/** Apollo's parse options: the token limit above. */
export const DOCUMENT_PARSE_OPTIONS: ParseOptions = { maxTokens: DOCUMENT_LIMITS.maxTokens };

/**
 * A fragment's value computed once, however often it is spread: a document that spreads each
 * fragment twice into the next would otherwise take exponential time to measure. An unknown
 * fragment or one in a cycle counts as `empty` (graphql-js's own rules report both).
 */
export function fragmentMemo<T>(document: DocumentNode, empty: T): (name: string, compute: (fragment: FragmentDefinitionNode) => T) => T {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const computed = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name, compute) => {
    if (computed.has(name)) return computed.get(name) as T;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return empty;
    inProgress.add(name);
    const value = compute(fragment);
    inProgress.delete(name);
    computed.set(name, value);
    return value;
  };
}
