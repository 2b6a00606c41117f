import { screen } from '@testing-library/react';
import { NETWORK_ERROR_WORDS, UNEXPECTED_ERROR_WORDS } from '../errors/errorWords';
import {
  ALICE,
  ALICE_PASSWORD,
  graphQLError,
  inSeconds,
  loginAnswers,
  loginFails,
  loginNetworkFails,
  loginSucceeds,
  meAnswers,
} from '../../../test/mocks';
import { expectAlertToSay } from '../../../test/expectAlert';
import { renderApp } from '../../../test/renderApp';

const WRONG = { email: ALICE.email, password: 'not the password' };

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], email: string, password: string) {
  await user.type(await screen.findByLabelText('E-mail'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in page', () => {
  it('labels the fields for password managers', async () => {
    renderApp({ path: '/signin', mocks: [meAnswers(null)] });

    expect(await screen.findByLabelText('E-mail')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('signs in and opens the shell with the e-mail as the user name', async () => {
    const { user, currentPath } = renderApp({ path: '/signin', mocks: [meAnswers(null), loginSucceeds()] });

    await fillAndSubmit(user, ALICE.email, ALICE_PASSWORD);

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: ALICE.email })).toHaveAttribute('aria-expanded', 'false');
    expect(currentPath()).toBe('/');
  });

  it('sends a signed-out visitor of a deep link to sign in, then back to that page', async () => {
    const { user, currentPath } = renderApp({ path: '/settings/2fa', mocks: [meAnswers(null), loginSucceeds()] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(currentPath()).toBe('/signin');

    await fillAndSubmit(user, ALICE.email, ALICE_PASSWORD);

    expect(await screen.findByRole('heading', { level: 1, name: 'Settings for 2FA' })).toBeInTheDocument();
    expect(currentPath()).toBe('/settings/2fa');
  });

  it.each([
    ['UNAUTHENTICATED', {}, 'Incorrect e-mail or password.'],
    ['TOO_MANY_ATTEMPTS', { retryAfterSeconds: 900 }, 'Too many attempts. Try again in 15 minutes.'],
    ['TOO_MANY_ATTEMPTS', { retryAfterSeconds: 42 }, 'Too many attempts. Try again in 42 seconds.'],
    ['BAD_USER_INPUT', { field: 'email' }, 'Enter a valid e-mail address.'],
    ['INTERNAL_SERVER_ERROR', {}, UNEXPECTED_ERROR_WORDS],
  ])('answers %s %j with its own words, not the server message', async (code, extensions, words) => {
    const { user, currentPath } = renderApp({
      path: '/signin',
      mocks: [meAnswers(null), loginFails(WRONG, graphQLError(code, extensions))],
    });

    await fillAndSubmit(user, WRONG.email, WRONG.password);

    await expectAlertToSay(words);
    expect(screen.queryByText(/server text/)).not.toBeInTheDocument();
    expect(currentPath()).toBe('/signin');
  });

  it('marks and focuses the field the API refused', async () => {
    const { user } = renderApp({
      path: '/signin',
      mocks: [meAnswers(null), loginFails(WRONG, graphQLError('BAD_USER_INPUT', { field: 'email', reason: 'NUL_CHARACTER' }))],
    });

    await fillAndSubmit(user, WRONG.email, WRONG.password);

    const email = screen.getByLabelText('E-mail');
    await expectAlertToSay('Enter a valid e-mail address.');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter a valid e-mail address.');
    expect(email).toHaveFocus();
  });

  it('says when the server cannot be reached', async () => {
    const { user } = renderApp({ path: '/signin', mocks: [meAnswers(null), loginNetworkFails(WRONG)] });

    await fillAndSubmit(user, WRONG.email, WRONG.password);

    await expectAlertToSay(NETWORK_ERROR_WORDS);
  });

  it('asks for both fields before sending anything', async () => {
    // No login mock: a request would fail and show other words.
    const { user } = renderApp({ path: '/signin', mocks: [meAnswers(null)] });

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Enter your e-mail address.');
    expect(screen.getByLabelText('E-mail')).toHaveFocus();
  });

  it('asks for the 2FA code when the account has 2FA on, without starting a session', async () => {
    const { user, currentPath } = renderApp({
      path: '/signin',
      mocks: [
        meAnswers(null),
        loginAnswers(
          { email: ALICE.email, password: ALICE_PASSWORD },
          {
            __typename: 'TwoFactorChallenge',
            challengeId: 'challenge-1',
            method: 'SMS',
            maskedDestination: '+44 *** *** 89',
            expiresAt: inSeconds(600),
            codeSent: true,
            resendAvailableAt: inSeconds(60),
            sendsCodes: true,
            proof: 'CODE',
            webAuthnOptionsJSON: null,
            rememberBrowserDays: 30,
          },
        ),
      ],
    });

    await fillAndSubmit(user, ALICE.email, ALICE_PASSWORD);

    const heading = await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' });
    expect(heading).toHaveFocus();
    expect(screen.getByText('Enter the 6-digit code sent by SMS to +44 *** *** 89.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^2FA code/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: ALICE.email })).not.toBeInTheDocument();
    expect(currentPath()).toBe('/signin');

    // Back to the password form, with the address kept and the focus on the new page.
    await user.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(screen.getByLabelText('E-mail')).toHaveValue(ALICE.email);
  });

  it('says so when the password was right but the 2FA code could not be sent', async () => {
    const { user } = renderApp({
      path: '/signin',
      mocks: [
        meAnswers(null),
        loginFails({ email: ALICE.email, password: ALICE_PASSWORD }, graphQLError('DELIVERY_FAILED', { reason: 'DELIVERY_FAILED' })),
      ],
    });

    await fillAndSubmit(user, ALICE.email, ALICE_PASSWORD);

    await expectAlertToSay('Your password is right, but the 2FA code could not be sent. Nothing was used up: please try again.');
  });
});
