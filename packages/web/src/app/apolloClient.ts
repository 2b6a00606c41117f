import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { Observable } from 'rxjs';
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
 * Sends each request from a task of its own. Starting a request costs the main thread a few
 * milliseconds (the link chain, printing the document, the browser's `fetch`), several times that
 * on a slow phone, and a screen that opens starts its queries together, from one React effect: one
 * task that kept the page from answering input for about 60 ms on a phone Lighthouse simulates,
 * where four tasks of 15 ms do not. The cost is one timer's delay before each request.
 */
const eachRequestInItsOwnTask = new ApolloLink(
  (operation, forward) =>
    new Observable((observer) => {
      let request: { unsubscribe(): void } | undefined;
      const timer = setTimeout(() => {
        request = forward(operation).subscribe(observer);
      }, 0);
      return () => {
        clearTimeout(timer);
        request?.unsubscribe();
      };
    }),
);

/**
 * What every request and answer passes through between the screens and the API (in the component
 * tests too, in front of their mocked API): a refusal for want of required 2FA updates the cached
 * settings, and each request leaves from a task of its own.
 */
export function createLink(api: ApolloLink): ApolloLink {
  return ApolloLink.from([twoFactorOverdueLink, eachRequestInItsOwnTask, api]);
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
