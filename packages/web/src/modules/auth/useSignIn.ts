import { useMutation } from '@apollo/client/react';
import { LoginDocument, type LoginMutation } from './graphql/session.generated';
import { describeError, type DescribedError } from '../errors/describeError';
import type { Credentials } from './credentials';
import { startSession } from './sessionCache';

export type TwoFactorChallenge = Extract<LoginMutation['login'], { __typename: 'TwoFactorChallenge' }>;

export type SignInOutcome =
  { kind: 'signed-in' } | { kind: 'challenge'; challenge: TwoFactorChallenge } | { kind: 'failed'; error: DescribedError };

/** Password sign-in. A session starts only when the API answers with AuthPayload. */
export function useSignIn() {
  const [login, { client }] = useMutation(LoginDocument);

  async function signIn(credentials: Credentials): Promise<SignInOutcome> {
    try {
      const { data } = await login({ variables: credentials });
      const result = data?.login;
      if (!result) return { kind: 'failed', error: describeError(undefined, 'signIn') };
      if (result.__typename === 'TwoFactorChallenge') return { kind: 'challenge', challenge: result };
      startSession(client, result.user);
      return { kind: 'signed-in' };
    } catch (error) {
      return { kind: 'failed', error: describeError(error, 'signIn') };
    }
  }

  return { signIn };
}
