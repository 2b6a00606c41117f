import { useMutation } from '@apollo/client/react';
import { RegisterDocument } from './graphql/session.generated';
import { describeError, type DescribedError } from '../errors/describeError';
import type { Credentials } from './credentials';
import { startSession } from './sessionCache';

/** Creates an account; the API signs it in at once (session cookie). Resolves to the error, if any. */
export function useRegister() {
  const [registerMutation, { client }] = useMutation(RegisterDocument);

  async function register(credentials: Credentials): Promise<DescribedError | null> {
    try {
      const { data } = await registerMutation({ variables: credentials });
      if (!data) return describeError(undefined, 'register');
      startSession(client, data.register.user);
      return null;
    } catch (error) {
      return describeError(error, 'register');
    }
  }

  return { register };
}
