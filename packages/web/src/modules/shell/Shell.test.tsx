import { screen, within } from '@testing-library/react';
import { NETWORK_ERROR_WORDS } from '../errors/errorWords';
import { expectAlertToSay } from '../../../test/expectAlert';
import { ALICE, graphQLError, logoutNetworkFails, logoutSucceeds, meAnswers, meFails, meRefused } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';

const userMenu = () => screen.getByRole('navigation', { name: 'User menu' });

describe('signed-in shell', () => {
  it('shows the product name and the user-name menu, closed', async () => {
    renderApp({ path: '/', mocks: [meAnswers(ALICE)] });

    const menuButton = await screen.findByRole('button', { name: ALICE.email });
    expect(screen.getByRole('link', { name: 'HostKey' })).toHaveAttribute('href', '/');
    expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('navigation', { name: 'User menu' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out', hidden: true })).not.toBeVisible();
  });

  it('opens Settings for 2FA from the user-name menu', async () => {
    const { user, currentPath } = renderApp({ path: '/', mocks: [meAnswers(ALICE)] });

    await user.click(await screen.findByRole('button', { name: ALICE.email }));
    await user.click(within(userMenu()).getByRole('link', { name: 'Settings for 2FA' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Settings for 2FA' });
    expect(heading).toHaveFocus();
    expect(await screen.findByRole('heading', { level: 2, name: 'TOTP' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: ALICE.email })).toHaveAttribute('aria-expanded', 'false');
    expect(currentPath()).toBe('/settings/2fa');
  });

  it('closes the menu on Escape and returns focus to its button', async () => {
    const { user } = renderApp({ path: '/', mocks: [meAnswers(ALICE)] });

    const menuButton = await screen.findByRole('button', { name: ALICE.email });
    await user.click(menuButton);
    expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    await user.tab();
    expect(within(userMenu()).getByRole('link', { name: 'Settings for 2FA' })).toHaveFocus();

    await user.keyboard('{Escape}');

    expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    expect(menuButton).toHaveFocus();
  });

  it('signs out and lands on the sign-in page', async () => {
    const { user, currentPath } = renderApp({
      path: '/settings/2fa',
      // After logout the panel asks `me` again, and the API answers null.
      mocks: [meAnswers(ALICE), logoutSucceeds(), meAnswers(null)],
    });

    await user.click(await screen.findByRole('button', { name: ALICE.email }));
    await user.click(within(userMenu()).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: ALICE.email })).not.toBeInTheDocument();
    expect(currentPath()).toBe('/signin');
  });

  it('stays signed in and says so when signing out fails', async () => {
    const { user, currentPath } = renderApp({ path: '/', mocks: [meAnswers(ALICE), logoutNetworkFails()] });

    await user.click(await screen.findByRole('button', { name: ALICE.email }));
    await user.click(within(userMenu()).getByRole('button', { name: 'Sign out' }));

    await expectAlertToSay(NETWORK_ERROR_WORDS);
    expect(screen.getByRole('button', { name: ALICE.email })).toBeInTheDocument();
    expect(currentPath()).toBe('/');
  });

  it('offers a retry when the API cannot be reached to check the session', async () => {
    const { user } = renderApp({ path: '/', mocks: [meFails(), meAnswers(ALICE)] });

    await expectAlertToSay(NETWORK_ERROR_WORDS);
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('button', { name: ALICE.email })).toBeInTheDocument();
  });

  it('sends a session the API no longer accepts to sign in, saying it ended', async () => {
    const { currentPath } = renderApp({
      path: '/settings/2fa',
      // The API refuses the expired cookie and clears it, so the next `me` is simply null.
      mocks: [meRefused(graphQLError('UNAUTHENTICATED', { reason: 'SESSION_ENDED' })), meAnswers(null)],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended. Please sign in again.');
    expect(currentPath()).toBe('/signin');
  });

  it('shows a not-found page for unknown addresses inside the shell', async () => {
    renderApp({ path: '/no/such/page', mocks: [meAnswers(ALICE)] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: ALICE.email })).toBeInTheDocument();
  });
});
