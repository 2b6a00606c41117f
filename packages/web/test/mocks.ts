import type { GraphQLFormattedError } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import {
  LoginDocument,
  LogoutDocument,
  MeDocument,
  RegisterDocument,
  type LoginMutation,
  type SessionUserFragment,
} from '../src/generated/graphql';

/** Canned API answers for MockedProvider, typed by the generated documents. */

export const ALICE: SessionUserFragment = {
  __typename: 'User',
  id: 'user-1',
  email: 'alice@example.com',
  role: 'CUSTOMER',
};

export const ALICE_PASSWORD = 'correct horse battery';

type Mock = MockLink.MockedResponse;

export function meAnswers(me: SessionUserFragment | null): Mock {
  return { request: { query: MeDocument }, result: { data: { __typename: 'Query', me } } };
}

export function meRefused(error: GraphQLFormattedError): Mock {
  return { request: { query: MeDocument }, result: { data: null, errors: [error] } };
}

export function meFails(): Mock {
  return { request: { query: MeDocument }, error: new TypeError('Failed to fetch') };
}

export function loginAnswers(
  variables: { email: string; password: string },
  login: LoginMutation['login'],
): Mock {
  return { request: { query: LoginDocument, variables }, result: { data: { __typename: 'Mutation', login } } };
}

export function loginSucceeds(user: SessionUserFragment = ALICE, password = ALICE_PASSWORD): Mock {
  return loginAnswers({ email: user.email, password }, { __typename: 'AuthPayload', user });
}

/** A GraphQL error as the API sends it: the message is for logs, `extensions` for the panel. */
export function graphQLError(code: string, extensions: Record<string, unknown> = {}): GraphQLFormattedError {
  return { message: `server text for ${code}`, extensions: { code, ...extensions } };
}

export function loginFails(variables: { email: string; password: string }, error: GraphQLFormattedError): Mock {
  return { request: { query: LoginDocument, variables }, result: { data: null, errors: [error] } };
}

export function loginNetworkFails(variables: { email: string; password: string }): Mock {
  return { request: { query: LoginDocument, variables }, error: new TypeError('Failed to fetch') };
}

export function registerSucceeds(user: SessionUserFragment, password: string): Mock {
  return {
    request: { query: RegisterDocument, variables: { email: user.email, password } },
    result: { data: { __typename: 'Mutation', register: { __typename: 'AuthPayload', user } } },
  };
}

export function registerFails(variables: { email: string; password: string }, error: GraphQLFormattedError): Mock {
  return { request: { query: RegisterDocument, variables }, result: { data: null, errors: [error] } };
}

export function logoutSucceeds(): Mock {
  return { request: { query: LogoutDocument }, result: { data: { __typename: 'Mutation', logout: true } } };
}

export function logoutNetworkFails(): Mock {
  return { request: { query: LogoutDocument }, error: new TypeError('Failed to fetch') };
}
