import { ApolloClient, ApolloLink, gql } from '@apollo/client';
import { of } from 'rxjs';
import { createCache, createLink } from './apolloClient';

const FIRST = gql`
  query First {
    first
  }
`;
const SECOND = gql`
  query Second {
    second
  }
`;

/** A client in front of an API that answers at once and records when each request reached it. */
function clientRecordingRequests() {
  const events: string[] = [];
  const api = new ApolloLink((operation) => {
    events.push(`sent ${operation.operationName}`);
    // Runs once the task that sent the request has finished its own work, before any later task.
    queueMicrotask(() => events.push(`task of ${operation.operationName} ended`));
    return of({ data: { [operation.operationName === 'First' ? 'first' : 'second']: 1 } });
  });
  return { client: new ApolloClient({ link: createLink(api), cache: createCache() }), events };
}

describe('the link chain', () => {
  it('sends each request from a task of its own, not from the task that asked for it', async () => {
    const { client, events } = clientRecordingRequests();
    // A timer set before the queries: its task comes before any the link schedules.
    const askingTaskEnded = new Promise<void>((resolve) =>
      setTimeout(() => {
        events.push('asking task ended');
        resolve();
      }, 0),
    );

    const answers = Promise.all([client.query({ query: FIRST }), client.query({ query: SECOND })]);
    await askingTaskEnded;
    await answers;

    expect(events).toEqual(['asking task ended', 'sent First', 'task of First ended', 'sent Second', 'task of Second ended']);
  });

  it('sends nothing for a query given up before its turn', async () => {
    const { client, events } = clientRecordingRequests();
    const watch = client.watchQuery({ query: FIRST }).subscribe(() => undefined);
    watch.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(events).toEqual([]);
  });
});
