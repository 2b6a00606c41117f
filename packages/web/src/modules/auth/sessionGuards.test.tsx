import { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockLink } from '@apollo/client/testing';
import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { createCache, createLink } from '../../app/apolloClient';
import { ALICE, meAnswers } from '../../../test/mocks';
import { RequireSession, useSignedInUser } from './sessionGuards';
import { startSession } from './sessionCache';

let mounts = 0;

/** A signed-in page with state of its own, which would be lost if the guard unmounted it. */
function AccountProbe() {
  const user = useSignedInUser();
  const [mountNumber] = useState(() => ++mounts);
  return (
    <p>
      {user.email}, mount {mountNumber}
    </p>
  );
}

function renderGuarded(): ApolloClient {
  const client = new ApolloClient({ link: createLink(new MockLink([meAnswers(ALICE)])), cache: createCache() });
  render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={['/account']}>
        <Routes>
          <Route element={<RequireSession />}>
            <Route path="/account" element={<AccountProbe />} />
          </Route>
        </Routes>
      </MemoryRouter>
    </ApolloProvider>,
  );
  return client;
}

describe('RequireSession', () => {
  beforeEach(() => {
    mounts = 0;
  });

  it('keeps the page mounted when the signed-in user’s data changes', async () => {
    const client = renderGuarded();
    expect(await screen.findByText('alice@example.com, mount 1')).toBeInTheDocument();

    await act(async () => startSession(client, { ...ALICE, email: 'alice@new.example' }));

    // The page did not pass through the pending frame, which would have mounted it again.
    expect(screen.getByText('alice@new.example, mount 1')).toBeInTheDocument();
    expect(mounts).toBe(1);
  });
});
