import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { AppRoutes } from '../src/app/AppRoutes';

interface RenderAppOptions {
  /** The address the visit starts at, as if typed into the browser. */
  path: string;
  /** Every request the visit is expected to make, in any order; an unexpected one fails. */
  mocks: ReadonlyArray<MockLink.MockedResponse>;
}

/** The whole panel (routes, guards, shell) on an in-memory router and a mocked API. */
export function renderApp({ path, mocks }: RenderAppOptions) {
  const location = { pathname: '' };
  function LocationProbe() {
    location.pathname = useLocation().pathname;
    return null;
  }
  const user = userEvent.setup();
  const view = render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <LocationProbe />
      </MemoryRouter>
    </MockedProvider>,
  );
  return { user, view, currentPath: () => location.pathname };
}
