import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PATHS } from '../../app/paths';
import { LogoutDocument } from './graphql/session.generated';
import { describeError, type DescribedError } from '../errors/describeError';
import { endSession } from './sessionCache';
import type { SignInState } from './signInState';

/**
 * Ends the session on the server (only the API can clear the HttpOnly cookie), then forgets the
 * user here. If the API cannot be reached the user stays signed in and is told so.
 */
export function useSignOut() {
  const [logout, { loading, client }] = useMutation(LogoutDocument);
  const [error, setError] = useState<DescribedError | null>(null);
  const navigate = useNavigate();

  async function signOut(): Promise<void> {
    setError(null);
    try {
      await logout();
    } catch (caught) {
      setError(describeError(caught));
      return;
    }
    // To the sign-in page first, then forget the session: were the session forgotten first, the
    // guard of the page being left would send the user to sign in and back to that page after.
    // Replace, so Back does not return to a page of the ended session.
    const state: SignInState = { from: PATHS.home, sessionEnded: false, signedOut: true };
    await navigate(PATHS.signIn, { replace: true, state });
    await endSession(client);
    // The mark has done its work: the next sign-in on this page goes on as any other.
    await navigate(PATHS.signIn, { replace: true });
  }

  return { signOut, pending: loading, error };
}
