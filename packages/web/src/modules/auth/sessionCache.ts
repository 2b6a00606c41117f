import type { ApolloClient } from '@apollo/client';
import { MeDocument, type SessionUserFragment } from './graphql/session.generated';

export type SessionUser = SessionUserFragment;

/**
 * Records who signed in; the session guards react to `me` at once, without another request.
 * The cache holds nothing of an earlier account here: `endSession` emptied it.
 */
export function startSession(client: ApolloClient, user: SessionUser): void {
  client.writeQuery({ query: MeDocument, data: { __typename: 'Query', me: user } });
}

/**
 * Forgets everything fetched during the session, then asks the API again for `me` (null now),
 * which sends the guards to the sign-in page. `clearStore` would not do: it also stops the
 * guards' queries from seeing later sign-ins.
 */
export async function endSession(client: ApolloClient): Promise<void> {
  try {
    await client.resetStore();
  } catch {
    // The refetch of `me` failed (offline): the session guard shows that itself, with a retry.
  }
}
