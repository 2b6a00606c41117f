import { screen, waitFor } from '@testing-library/react';
import { RequestPasswordResetDocument, ResetPasswordDocument, VerifyEmailDocument } from './graphql/account.generated';
import type { LoginChallengeFieldsFragment } from '../auth/graphql/session.generated';
import { expectAlertToSay } from '../../../test/expectAlert';
import { ALICE, answers, graphQLError, inSeconds, meAnswers, refuses } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';

const TOKEN = 'A'.repeat(43);
const NEW_PASSWORD = 'a brand new passphrase';
const challenge = (): LoginChallengeFieldsFragment => ({
  __typename: 'TwoFactorChallenge',
  challengeId: '44444444-4444-4444-8444-444444444444',
  method: 'TOTP',
  maskedDestination: null,
  expiresAt: inSeconds(600),
  codeSent: false,
  resendAvailableAt: null,
  sendsCodes: false,
  proof: 'CODE',
  webAuthnOptionsJSON: null,
  rememberBrowserDays: 30,
});

describe('Forgot password?', () => {
  it('is linked from the sign-in page, and says the same whatever the address', async () => {
    const { user, currentPath } = renderApp({
      path: '/signin',
      mocks: [
        meAnswers(null),
        answers(RequestPasswordResetDocument, { email: 'ann@example.com' }, { __typename: 'Mutation', requestPasswordReset: true }),
      ],
    });
    await user.click(await screen.findByRole('link', { name: 'Forgot password?' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reset your password' })).toHaveFocus();
    expect(currentPath()).toBe('/forgot-password');

    await user.type(screen.getByLabelText('E-mail'), 'ann@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'If an account uses ann@example.com and that address is verified, a link is on its way. It works once, for 30 minutes.',
      ),
    );
    expect(screen.getByRole('button', { name: 'Send the link again' })).toBeInTheDocument();
  });

  it('says when to ask again after a limit', async () => {
    const { user } = renderApp({
      path: '/forgot-password',
      mocks: [
        meAnswers(null),
        refuses(
          RequestPasswordResetDocument,
          { email: 'ann@example.com' },
          graphQLError('TOO_MANY_ATTEMPTS', { reason: 'HOURLY_CAP', retryAfterSeconds: 1800 }),
        ),
      ],
    });
    await user.type(await screen.findByLabelText('E-mail'), 'ann@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    await expectAlertToSay('Too many e-mails like this were asked for in the last hour. Try again in 30 minutes.');
  });
});

describe('the page a reset link opens', () => {
  it('takes the token out of the address, sets the password and signs in', async () => {
    const { user, currentPath } = renderApp({
      path: `/reset-password#token=${TOKEN}`,
      mocks: [
        meAnswers(null),
        answers(
          ResetPasswordDocument,
          { token: TOKEN, newPassword: NEW_PASSWORD },
          { __typename: 'Mutation', resetPassword: { __typename: 'AuthPayload', user: ALICE } },
        ),
        meAnswers(ALICE),
      ],
    });
    await user.type(await screen.findByLabelText('New password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
    expect(currentPath()).toBe('/');
  });

  it('asks for the 2FA code next when 2FA is on: a reset never skips it', async () => {
    const { user } = renderApp({
      path: `/reset-password#token=${TOKEN}`,
      mocks: [
        meAnswers(null),
        answers(ResetPasswordDocument, { token: TOKEN, newPassword: NEW_PASSWORD }, { __typename: 'Mutation', resetPassword: challenge() }),
        meAnswers(null),
      ],
    });
    await user.type(await screen.findByLabelText('New password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeInTheDocument();
    expect(screen.queryByText(/Signing in as/)).not.toBeInTheDocument();
  });

  it.each([
    [
      'INVALID_CODE',
      'LINK_ALREADY_USED',
      'This link was already used, or a newer one replaced it. Ask for a new one if you still need it.',
    ],
    ['CODE_EXPIRED', 'LINK_EXPIRED', 'This link has expired. Ask for a new one.'],
  ])('says why a dead link (%s %s) cannot be used, and offers a new one', async (code, reason, words) => {
    const { user } = renderApp({
      path: `/reset-password#token=${TOKEN}`,
      mocks: [meAnswers(null), refuses(ResetPasswordDocument, { token: TOKEN, newPassword: NEW_PASSWORD }, graphQLError(code, { reason }))],
    });
    await user.type(await screen.findByLabelText('New password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    await expectAlertToSay(words);
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('says a link without its token is incomplete', async () => {
    renderApp({ path: '/reset-password', mocks: [meAnswers(null)] });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid: it may be incomplete.');
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  });
});

describe('the page a verification link opens', () => {
  it('verifies on a click, never on load', async () => {
    const { user } = renderApp({
      path: `/verify-email#token=${TOKEN}`,
      // `me` is asked again once verified: signed-in pages show whether the address is verified.
      mocks: [
        meAnswers(null),
        answers(VerifyEmailDocument, { token: TOKEN }, { __typename: 'Mutation', verifyEmail: true }),
        meAnswers(null),
      ],
    });
    const button = await screen.findByRole('button', { name: 'Verify e-mail address' });
    await user.click(button);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Your e-mail address is verified. Security notices and password reset links will go to it.',
      ),
    );
    expect(screen.queryByRole('button', { name: 'Verify e-mail address' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('says when the new address was taken meanwhile', async () => {
    const { user } = renderApp({
      path: `/verify-email#token=${TOKEN}`,
      mocks: [meAnswers(ALICE), refuses(VerifyEmailDocument, { token: TOKEN }, graphQLError('BAD_USER_INPUT', { reason: 'EMAIL_TAKEN' }))],
    });
    await user.click(await screen.findByRole('button', { name: 'Verify e-mail address' }));
    await expectAlertToSay('Another account already uses this e-mail address. The address of your account was not changed.');
    // The page shows before the session check answers; the link follows once it has.
    expect(await screen.findByRole('link', { name: 'Go to your account' })).toHaveAttribute('href', '/settings/account');
  });
});
