import { useQuery } from '@apollo/client/react';
import { MeDocument } from './graphql/session.generated';
import { describeError } from '../errors/describeError';
import type { SessionUser } from './sessionCache';

export type Session =
  | { status: 'loading' }
  /** The API could not tell whether there is a session (offline, server down). */
  | { status: 'unavailable'; retry: () => void }
  /** `sessionEnded`: a session cookie was sent but the API no longer accepts it. */
  | { status: 'signed-out'; sessionEnded: boolean }
  | { status: 'signed-in'; user: SessionUser };

/**
 * Who is signed in, from `me`: null without a session cookie, UNAUTHENTICATED for a cookie of
 * an expired or revoked session (the API clears that cookie in the same answer).
 */
export function useSession(): Session {
  const { data, error, refetch } = useQuery(MeDocument);
  if (data?.me) return { status: 'signed-in', user: data.me };
  if (data) return { status: 'signed-out', sessionEnded: false };
  if (error && describeError(error).code === 'UNAUTHENTICATED') return { status: 'signed-out', sessionEnded: true };
  if (error) return { status: 'unavailable', retry: () => void refetch() };
  return { status: 'loading' };
}
