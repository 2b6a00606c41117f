import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { twoFactorOverdueLink } from '../modules/two-factor/twoFactorOverdueLink';

/**
 * The cache of the panel (and of the component tests, so they behave like the real thing).
 * A user has exactly one TwoFactorSettings, so it is kept as one entity: every mutation that
 * answers the settings (verify, disable, new recovery codes, dismissing the prompt) updates each
 * screen that shows them, without a refetch. A set-up in progress is replaced whole. The paged
 * lists keep one list per account (or search): "Show older entries" appends the next page to it.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      TwoFactorSettings: {
        keyFields: [],
        fields: { pending: { merge: false } },
      },
      // One policy per deployment: a save's answer replaces what the page read.
      Policy: { keyFields: [] },
      Query: {
        fields: {
          securityLog: relayStylePagination(),
          userSecurityLog: relayStylePagination(['userId']),
          users: relayStylePagination(['search']),
        },
      },
    },
  });
}

/**
 * What every answer passes through before the screens see it (in the component tests too, in
 * front of their mocked API): a refusal for want of required 2FA updates the cached settings.
 */
export function createLink(api: ApolloLink): ApolloLink {
  return ApolloLink.from([twoFactorOverdueLink, api]);
}

/**
 * One client for the whole panel. The session lives in an HttpOnly cookie that the API sets on
 * `register`/`login` and clears on `logout`, so the browser sends it on every same-origin request
 * and this code never sees or stores a token.
 */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: createLink(new HttpLink({ uri: '/graphql', credentials: 'same-origin' })),
    cache: createCache(),
  });
}
