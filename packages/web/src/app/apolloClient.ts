import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * One client for the whole panel. The session lives in an HttpOnly cookie that the API sets on
 * `register`/`login` and clears on `logout`, so the browser sends it on every same-origin request
 * and this code never sees or stores a token.
 */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache: new InMemoryCache(),
  });
}
