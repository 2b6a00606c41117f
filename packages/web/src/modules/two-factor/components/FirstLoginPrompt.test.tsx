import { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { createCache, createLink } from '../../../app/apolloClient';
import { DismissTwoFactorPromptDocument } from '../graphql/twoFactorSettings.generated';
import { SecurityLogDocument } from '../../security-log/graphql/securityLog.generated';
import { SECURITY_LOG_PAGE } from '../../security-log/eventWords';
import { formatDateTime } from '../../../ui/dateTime';
import {
  ALICE,
  SETTINGS_OFF,
  TOTP_ON,
  answers,
  cannotReach,
  inSeconds,
  meAnswers,
  settingsAnswer,
  settingsWith,
  securityLogPage,
  type Settings,
} from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';
import { FirstLoginPrompt } from './FirstLoginPrompt';

const PROMPTED = settingsWith({ promptToEnable: true });
const prompt = () => screen.queryByRole('region', { name: 'Turn on two-factor authentication' });
const WEEK_SECONDS = 7 * 24 * 60 * 60;

/** The prompt by itself, as on a page that stayed open: in the panel, the pages past the deadline send the user to Settings for 2FA. */
function renderPromptAlone(twoFactor: Settings) {
  render(
    <MockedProvider link={createLink(new MockLink([settingsAnswer(twoFactor)]))} cache={createCache()}>
      <MemoryRouter initialEntries={['/']}>
        <FirstLoginPrompt />
      </MemoryRouter>
    </MockedProvider>,
  );
}

describe('the first-login prompt to enable 2FA', () => {
  it('invites an account without 2FA to enable it, and leads to Settings for 2FA', async () => {
    const { user, currentPath } = renderApp({ path: '/', mocks: [meAnswers(ALICE)], twoFactor: PROMPTED });

    const region = await screen.findByRole('region', { name: 'Turn on two-factor authentication' });
    expect(within(region).getByText(/We recommend that you enable it/)).toBeInTheDocument();
    await user.click(within(region).getByRole('link', { name: 'Enable 2FA' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Settings for 2FA' })).toBeInTheDocument();
    expect(currentPath()).toBe('/settings/2fa');
    // Not on the 2FA pages themselves.
    expect(prompt()).not.toBeInTheDocument();
  });

  it('takes the focus when it appears with a page the user moved to, and leaves it to later pages', async () => {
    const { user } = renderApp({
      path: '/settings/2fa',
      mocks: [
        meAnswers(ALICE),
        answers(SecurityLogDocument, { first: SECURITY_LOG_PAGE }, { __typename: 'Query', securityLog: securityLogPage([]) }),
      ],
      twoFactor: PROMPTED,
    });
    await screen.findByRole('heading', { level: 2, name: 'TOTP' });
    expect(prompt()).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'HostKey' }));

    const promptHeading = await screen.findByRole('heading', { level: 2, name: 'Turn on two-factor authentication' });
    expect(promptHeading).toHaveFocus();

    // Seen once: the next page starts at its own heading.
    await user.click(screen.getByRole('button', { name: ALICE.email }));
    await user.click(screen.getByRole('link', { name: 'Security log' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Security log' })).toHaveFocus();
    expect(prompt()).toBeInTheDocument();
  });

  it('goes away for good with "Not now", handing the focus to the page', async () => {
    const { user } = renderApp({
      path: '/',
      mocks: [
        meAnswers(ALICE),
        answers(DismissTwoFactorPromptDocument, undefined, { __typename: 'Mutation', dismissTwoFactorPrompt: SETTINGS_OFF }),
      ],
      twoFactor: PROMPTED,
    });

    await user.click(await screen.findByRole('button', { name: 'Not now' }));

    await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' });
    await waitFor(() => expect(prompt()).not.toBeInTheDocument());
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toHaveFocus();
  });

  it('says so when it cannot be dismissed now', async () => {
    const { user } = renderApp({
      path: '/',
      mocks: [meAnswers(ALICE), cannotReach(DismissTwoFactorPromptDocument, undefined)],
      twoFactor: PROMPTED,
    });

    await user.click(await screen.findByRole('button', { name: 'Not now' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the server. Check your connection and try again.');
    expect(prompt()).toBeInTheDocument();
  });

  it('cannot be dismissed when the server requires 2FA', async () => {
    renderApp({ path: '/', mocks: [meAnswers(ALICE)], twoFactor: settingsWith({ required: true }) });

    const region = await screen.findByRole('region', { name: 'Turn on two-factor authentication' });
    expect(region).toHaveTextContent('This server requires two-factor authentication for your account.');
    expect(within(region).queryByRole('button', { name: 'Not now' })).not.toBeInTheDocument();
  });

  it('says by when the server wants 2FA on, and leaves the page open until then', async () => {
    const requiredBy = inSeconds(WEEK_SECONDS);
    const { currentPath } = renderApp({
      path: '/',
      mocks: [meAnswers(ALICE)],
      twoFactor: settingsWith({ required: true, requiredBy }),
    });

    const region = await screen.findByRole('region', { name: 'Turn on two-factor authentication' });
    expect(region).toHaveTextContent(
      `This server requires two-factor authentication for your account. Enable it by ${formatDateTime(requiredBy)} to keep your access.`,
    );
    expect(within(region).getByText(formatDateTime(requiredBy))).toHaveAttribute('datetime', requiredBy);
    expect(within(region).queryByRole('button', { name: 'Not now' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
    expect(currentPath()).toBe('/');
  });

  it('says that only Settings for 2FA is open once the deadline has passed', async () => {
    renderPromptAlone(settingsWith({ required: true, requiredBy: inSeconds(-60) }));

    const region = await screen.findByRole('region', { name: 'Turn on two-factor authentication' });
    expect(region).toHaveTextContent(
      'This server requires two-factor authentication for your account. Enable it now: until you do, only Settings for 2FA is open.',
    );
    expect(within(region).getByRole('link', { name: 'Enable 2FA' })).toHaveAttribute('href', '/settings/2fa');
    expect(within(region).queryByRole('button', { name: 'Not now' })).not.toBeInTheDocument();
  });

  it.each([
    ['2FA is on', TOTP_ON],
    ['the prompt was dismissed', SETTINGS_OFF],
  ])('does not show when %s', async (_, twoFactor) => {
    renderApp({ path: '/', mocks: [meAnswers(ALICE)], twoFactor });

    await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' });
    expect(prompt()).not.toBeInTheDocument();
  });
});
