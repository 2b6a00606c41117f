import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PATHS } from '../../app/paths';
import { LogoutDocument } from '../../generated/graphql';
import { describeError, type DescribedError } from '../errors/describeError';
import { endSession } from './sessionCache';

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
    await endSession(client);
    // Replace, so Back does not return to a page of the ended session.
    void navigate(PATHS.signIn, { replace: true });
  }

  return { signOut, pending: loading, error };
}
