import { MockedProvider } from '@apollo/client/testing/react';
import { MockLink } from '@apollo/client/testing';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { createCache, createLink } from '../src/app/apolloClient';
import { AppRoutes } from '../src/app/AppRoutes';
import {
  SETTINGS_OFF,
  browsersAnswer,
  openRecoveryAnswer,
  settingsAnswer,
  supportContactAnswer,
  type Browser,
  type OpenRecovery,
  type Settings,
} from './mocks';

interface RenderAppOptions {
  /** The address the visit starts at, as if typed into the browser. */
  path: string;
  /** Every request the visit is expected to make, in any order; an unexpected one fails. */
  mocks: ReadonlyArray<MockLink.MockedResponse>;
  /**
   * What `twoFactorSettings` answers whenever asked after the `mocks` for it are used up (the
   * shell asks on every signed-in page, for the first-login prompt). Default: 2FA off, no prompt.
   */
  twoFactor?: Settings;
  /** What `rememberedBrowsers` answers after its `mocks` are used up (Settings for 2FA asks). Default: none. */
  browsers?: Browser[];
  /** What `supportContact` answers (wherever the panel says to contact support). Default: none. */
  supportContact?: string | null;
  /** What `openAccountRecovery` answers after its `mocks` are used up (the shell asks). Default: none. */
  openRecovery?: OpenRecovery | null;
}

/** The whole panel (routes, guards, shell) on an in-memory router and a mocked API, with the real cache and links. */
export function renderApp({
  path,
  mocks,
  twoFactor = SETTINGS_OFF,
  browsers = [],
  supportContact = null,
  openRecovery = null,
}: RenderAppOptions) {
  const location = { pathname: '' };
  function LocationProbe() {
    location.pathname = useLocation().pathname;
    return null;
  }
  const user = userEvent.setup();
  const api = new MockLink([
    ...mocks,
    settingsAnswer(twoFactor),
    browsersAnswer(browsers),
    supportContactAnswer(supportContact),
    openRecoveryAnswer(openRecovery),
  ]);
  const view = render(
    <MockedProvider link={createLink(api)} cache={createCache()}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <LocationProbe />
      </MemoryRouter>
    </MockedProvider>,
  );
  return { user, view, currentPath: () => location.pathname };
}
