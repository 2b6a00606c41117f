import { act, screen } from '@testing-library/react';
import type { MockLink } from '@apollo/client/testing';
import { RequestAccountRecoveryDocument } from '../../recovery/graphql/recoveryRequest.generated';
import { ResendLoginCodeDocument, VerifyLoginChallengeDocument } from '../../auth/graphql/loginChallenge.generated';
import type { LoginChallengeFieldsFragment } from '../../auth/graphql/session.generated';
import { expectAlertToSay } from '../../../../test/expectAlert';
import { ALICE, ALICE_PASSWORD, TOTP_ON, answers, graphQLError, inSeconds, loginAnswers, meAnswers, refuses } from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';
import { formatMoment } from '../../../ui/dateTime';

const SUPPORT = 'If you are experiencing difficulty obtaining the correct 2FA code, please contact our technical support.';

function challengeOf(changes: Partial<LoginChallengeFieldsFragment> = {}): LoginChallengeFieldsFragment {
  return {
    __typename: 'TwoFactorChallenge',
    challengeId: 'challenge-1',
    method: 'TOTP',
    maskedDestination: null,
    expiresAt: inSeconds(600),
    // As the API answers: a code went out for e-mail and SMS; TOTP sends none.
    codeSent: (changes.method ?? 'TOTP') !== 'TOTP',
    resendAvailableAt: null,
    sendsCodes: (changes.method ?? 'TOTP') !== 'TOTP',
    proof: 'CODE',
    webAuthnOptionsJSON: null,
    rememberBrowserDays: 30,
    ...changes,
  };
}

const verify = (code: string, rememberBrowser = false) => ({ challengeId: 'challenge-1', code, rememberBrowser });
const signedInWith = (code: string, rememberBrowser = false) =>
  answers(VerifyLoginChallengeDocument, verify(code, rememberBrowser), {
    __typename: 'Mutation',
    verifyLoginChallenge: { __typename: 'AuthPayload', user: ALICE, recoveryCodesRemaining: null },
  });
const signedIn = signedInWith('123456');

/** Signs in with the password and arrives at the 2FA step of `challenge`. */
async function atChallenge(
  challenge: LoginChallengeFieldsFragment,
  mocks: MockLink.MockedResponse[] = [],
  options: Omit<Parameters<typeof renderApp>[0], 'path' | 'mocks'> = {},
) {
  const app = renderApp({
    path: '/signin',
    mocks: [meAnswers(null), loginAnswers({ email: ALICE.email, password: ALICE_PASSWORD }, challenge), ...mocks],
    ...options,
  });
  await app.user.type(await screen.findByLabelText('E-mail'), ALICE.email);
  await app.user.type(screen.getByLabelText('Password'), ALICE_PASSWORD);
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' });
  return app;
}

const codeBox = () => screen.getByLabelText(/^2FA code/);

describe('the 2FA step of signing in', () => {
  it('asks for the code of the authenticator app, with the time left and the support line', async () => {
    await atChallenge(challengeOf());

    expect(screen.getByText(/Open your authenticator app and enter the 6-digit code it shows for/)).toBeInTheDocument();
    expect(screen.getByText(/^(10:00|9:5\d)$/).parentElement).toHaveTextContent(/^Time left: (10:00|9:5\d)$/);
    expect(screen.getByText(SUPPORT)).toBeInTheDocument();
    expect(screen.getByText(ALICE.email)).toBeInTheDocument();
    // One-time-code autofill and the numeric keyboard; TOTP has nothing to resend.
    expect(codeBox()).toHaveAttribute('autocomplete', 'one-time-code');
    expect(codeBox()).toHaveAttribute('inputmode', 'numeric');
    expect(screen.queryByRole('button', { name: 'Send a new code' })).not.toBeInTheDocument();
  });

  it('takes a pasted code with a space and signs in', async () => {
    const { user, currentPath } = await atChallenge(challengeOf(), [signedIn]);

    await user.click(codeBox());
    await user.paste('123 456');
    expect(codeBox()).toHaveValue('123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
    expect(currentPath()).toBe('/');
  });

  it('asks for six digits before sending anything', async () => {
    const { user } = await atChallenge(challengeOf());

    await user.type(codeBox(), '12345');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await expectAlertToSay('Enter the 6-digit code.');
    expect(codeBox()).toHaveFocus();
  });

  it.each([
    ['INVALID_CODE', { reason: 'INVALID_CODE' }, 'That code is not correct. Check it and try again, or use a recovery code.'],
    [
      'TOO_MANY_ATTEMPTS',
      { retryAfterSeconds: 900 },
      'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
    ],
    ['CODE_EXPIRED', { reason: 'CODE_EXPIRED' }, 'That code has expired. Ask for a new one.'],
  ])('keeps the code box after %s %j and says "%s"', async (code, extensions, words) => {
    const { user } = await atChallenge(challengeOf(), [
      refuses(VerifyLoginChallengeDocument, verify('654321'), graphQLError(code, extensions)),
    ]);

    await user.type(codeBox(), '654321');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await expectAlertToSay(words);
    expect(codeBox()).toHaveFocus();
    expect(codeBox()).toHaveAttribute('aria-invalid', 'true');
  });

  it.each([
    [
      'an authenticator app',
      challengeOf(),
      false,
      '654321',
      'This code was just used. Wait for the next code of your authenticator app (a new one every 30 seconds), then enter it.',
    ],
    [
      'an e-mailed code',
      challengeOf({ method: 'EMAIL', maskedDestination: 'a***@example.com' }),
      false,
      '654321',
      'That code was already used. Ask for a new code, then enter it.',
    ],
    [
      'a recovery code',
      challengeOf(),
      true,
      'ab12-cd34-ef56',
      'That recovery code was already used: each one works once. Enter another of your recovery codes.',
    ],
  ])('says %s already used in its own words, and keeps the box for the next one', async (_source, challenge, recovery, code, words) => {
    const { user } = await atChallenge(challenge, [
      refuses(VerifyLoginChallengeDocument, verify(code), graphQLError('INVALID_CODE', { reason: 'CODE_ALREADY_USED' })),
    ]);

    if (recovery) await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await user.type(recovery ? screen.getByLabelText(/^Recovery code/) : codeBox(), code);
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await expectAlertToSay(words);
    expect(recovery ? screen.getByLabelText(/^Recovery code/) : codeBox()).toHaveFocus();
  });

  it('shows a lock screen after too many wrong codes: until when, what to do, and the support line', async () => {
    const { user } = await atChallenge(challengeOf(), [
      refuses(
        VerifyLoginChallengeDocument,
        verify('654321'),
        graphQLError('TOO_MANY_ATTEMPTS', { reason: 'LOCKED', retryAfterSeconds: 900 }),
      ),
    ]);

    await user.type(codeBox(), '654321');
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    const heading = await screen.findByRole('heading', { level: 2, name: '2FA checks are locked' });
    expect(heading).toHaveFocus();
    await expectAlertToSay('Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.');
    const unlocks = screen.getByText(/^They unlock at /);
    expect([formatMoment(before + 900_000), formatMoment(Date.now() + 900_000)]).toContain(
      unlocks.textContent.replace(/^They unlock at (.*)\.$/, '$1'),
    );
    expect(screen.getByText(/^Wait until then, then sign in again/)).toBeInTheDocument();
    expect(screen.getByText(SUPPORT)).toBeInTheDocument();
    // Nothing that cannot work until then: no code box, Verify, recovery code or timer.
    expect(screen.queryByLabelText(/^2FA code/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verify' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use a recovery code' })).not.toBeInTheDocument();
    expect(screen.queryByText(/^Time left/)).not.toBeInTheDocument();
    expect(document.title).toBe('2FA locked · HostKey');

    await user.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
  });

  it('locks this sign-in when it took its codes, and offers to sign in again', async () => {
    const { user } = await atChallenge(challengeOf(), [
      refuses(VerifyLoginChallengeDocument, verify('654321'), graphQLError('TOO_MANY_ATTEMPTS', { reason: 'CHALLENGE_SPENT' })),
    ]);

    await user.type(codeBox(), '654321');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'This sign-in is locked' })).toHaveFocus();
    await expectAlertToSay('Too many wrong codes for this sign-in. Sign in again to get a new code.');
    // No time was given: no unlock time is made up.
    expect(screen.queryByText(/You can sign in again at/)).not.toBeInTheDocument();
    expect(screen.getByText(SUPPORT)).toBeInTheDocument();
    expect(screen.queryByLabelText(/^2FA code/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use a recovery code' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(screen.getByLabelText('E-mail')).toHaveValue(ALICE.email);
  });

  it.each([
    ['UNAUTHENTICATED', 'CHALLENGE_ENDED', 'This sign-in has ended. Sign in again.'],
    ['CODE_EXPIRED', 'CHALLENGE_EXPIRED', 'This sign-in has expired. Sign in again.'],
  ])('after %s (%s) offers only to sign in again', async (code, reason, words) => {
    const { user } = await atChallenge(challengeOf(), [
      refuses(VerifyLoginChallengeDocument, verify('654321'), graphQLError(code, { reason })),
    ]);

    await user.type(codeBox(), '654321');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await expectAlertToSay(words);
    expect(screen.queryByLabelText(/^2FA code/)).not.toBeInTheDocument();
    const again = screen.getByRole('button', { name: 'Sign in again' });
    expect(again).toHaveFocus();
    expect(screen.getByText(SUPPORT)).toBeInTheDocument();

    await user.click(again);
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail')).toHaveValue(ALICE.email);
  });

  it('takes a recovery code instead, in any case and without dashes', async () => {
    const { user } = await atChallenge(challengeOf(), [
      answers(VerifyLoginChallengeDocument, verify('ab12-cd34-ef56'), {
        __typename: 'Mutation',
        verifyLoginChallenge: { __typename: 'AuthPayload', user: ALICE, recoveryCodesRemaining: 7 },
      }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    const recoveryBox = screen.getByLabelText(/^Recovery code/);
    expect(recoveryBox).toHaveFocus();
    expect(screen.getByRole('checkbox', { name: 'Remember this browser for 30 days' })).not.toBeChecked();
    expect(recoveryBox).toHaveAttribute('autocomplete', 'off');
    await user.type(recoveryBox, 'AB12 CD34 EF56');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
  });

  it('goes back from a recovery code to the code of the method', async () => {
    const { user } = await atChallenge(challengeOf({ method: 'EMAIL', maskedDestination: 'a***@example.com' }));

    await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    expect(screen.getByText(/Enter one of the recovery codes you saved/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use the code sent to your e-mail address' }));

    expect(screen.getByText('Enter the 6-digit code sent by e-mail to a***@example.com.')).toBeInTheDocument();
    expect(codeBox()).toHaveFocus();
  });
});

describe('remembering this browser at the 2FA step', () => {
  const rememberBox = () => screen.getByRole('checkbox', { name: /^Remember this browser/ });

  it('offers it unticked, for as many days as the server remembers, with a warning about shared computers', async () => {
    await atChallenge(challengeOf({ rememberBrowserDays: 14 }));

    const box = screen.getByRole('checkbox', { name: 'Remember this browser for 14 days' });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(
      'No code will be asked for on this browser for 14 days. Do not tick this on a shared or public computer.',
    );
  });

  it('is not offered when the server forbids it', async () => {
    await atChallenge(challengeOf({ rememberBrowserDays: null }));

    expect(codeBox()).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('asks the API to remember the browser when ticked, with the keyboard alone', async () => {
    const { user } = await atChallenge(challengeOf(), [signedInWith('123456', true)]);

    await user.type(codeBox(), '123456');
    await user.tab();
    expect(rememberBox()).toHaveFocus();
    await user.keyboard(' ');
    expect(rememberBox()).toBeChecked();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Verify' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
  });

  it('remembers the browser with a recovery code too', async () => {
    const { user } = await atChallenge(challengeOf(), [signedInWith('ab12-cd34-ef56', true)]);

    await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await user.type(screen.getByLabelText(/^Recovery code/), 'ab12cd34ef56');
    await user.click(screen.getByLabelText('Remember this browser for 30 days'));
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
  });

  it('stops offering it when the API refuses to remember, and the same code then works without', async () => {
    const { user } = await atChallenge(challengeOf(), [
      refuses(
        VerifyLoginChallengeDocument,
        verify('123456', true),
        graphQLError('BAD_USER_INPUT', { field: 'rememberBrowser', reason: 'REMEMBER_NOT_OFFERED' }),
      ),
      signedInWith('123456'),
    ]);

    await user.type(codeBox(), '123456');
    await user.click(rememberBox());
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await expectAlertToSay('This server does not remember browsers: a code is needed at every sign-in.');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(codeBox()).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
  });
});

describe('the 2FA step of signing in, by e-mail or SMS', () => {
  const smsChallenge = (resendInSeconds: number) =>
    challengeOf({ method: 'SMS', maskedDestination: '+44 *** *** 56', resendAvailableAt: inSeconds(resendInSeconds) });
  const resendAnswer = (challenge: LoginChallengeFieldsFragment) =>
    answers(ResendLoginCodeDocument, { challengeId: 'challenge-1' }, { __typename: 'Mutation', resendLoginCode: challenge });

  it('says where the code went and counts down to a new one', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      await atChallenge(smsChallenge(42));

      expect(screen.getByText('Enter the 6-digit code sent by SMS to +44 *** *** 56.')).toBeInTheDocument();
      const resend = screen.getByRole('button', { name: 'Send a new code' });
      expect(resend).toHaveAttribute('aria-disabled', 'true');
      expect(resend).toHaveAccessibleDescription(/You can ask for a new code in 0:4\d\./);

      await act(async () => jest.advanceTimersByTime(45_000));

      expect(resend).toHaveAttribute('aria-disabled', 'false');
      expect(resend).toHaveAccessibleDescription('Did not get it? You can ask for a new code.');
    } finally {
      jest.useRealTimers();
    }
  });

  /** Arrives at the step and lets the minute before a resend pass. */
  async function readyToResend(mocks: MockLink.MockedResponse[]) {
    const app = await atChallenge(smsChallenge(60), mocks);
    await act(async () => jest.advanceTimersByTime(61_000));
    return app;
  }

  it('sends a new code and says so', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const { user } = await readyToResend([resendAnswer(smsChallenge(60))]);

      await user.click(screen.getByRole('button', { name: 'Send a new code' }));

      expect(await screen.findByText('A new code was sent by SMS to +44 *** *** 56.')).toHaveAttribute('role', 'status');
      expect(screen.getByRole('button', { name: 'Send a new code' })).toHaveAttribute('aria-disabled', 'true');
      expect(codeBox()).toHaveFocus();
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    ['TOO_MANY_ATTEMPTS', { retryAfterSeconds: 42 }, 'A new code can be sent in 42 seconds.'],
    ['DELIVERY_FAILED', { reason: 'DELIVERY_FAILED' }, 'The code could not be sent. Nothing was used up: please try again.'],
  ])('explains a resend refused with %s', async (code, extensions, words) => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const { user } = await readyToResend([
        refuses(ResendLoginCodeDocument, { challengeId: 'challenge-1' }, graphQLError(code, extensions)),
      ]);

      await user.click(screen.getByRole('button', { name: 'Send a new code' }));

      await expectAlertToSay(words);
    } finally {
      jest.useRealTimers();
    }
  });

  it('opens without a new code when a send limit refused one: an earlier code or a recovery code, a resend when allowed', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const { user } = await atChallenge(
        challengeOf({ method: 'SMS', maskedDestination: '+44 *** *** 56', codeSent: false, resendAvailableAt: inSeconds(30 * 60) }),
      );

      expect(
        screen.getByText(
          'No new code could be sent just now. Enter the last code you received sent by SMS to +44 *** *** 56, or use a recovery code.',
        ),
      ).toBeInTheDocument();
      expect(codeBox()).toBeInTheDocument();
      // The limit holds for half an hour, not the usual minute.
      const resend = screen.getByRole('button', { name: 'Send a new code' });
      await act(async () => jest.advanceTimersByTime(61_000));
      expect(resend).toHaveAttribute('aria-disabled', 'true');
      expect(resend).toHaveAccessibleDescription(/You can ask for a new code in (28|29):\d\d\./);

      await user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
      expect(screen.getByText(/Enter one of the recovery codes you saved/)).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('ends the step when the ten minutes are over', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      await atChallenge(smsChallenge(60));

      await act(async () => jest.advanceTimersByTime(601_000));

      await expectAlertToSay('This sign-in has expired. Sign in again.');
      expect(screen.getByRole('button', { name: 'Sign in again' })).toHaveFocus();
      expect(screen.queryByRole('button', { name: 'Send a new code' })).not.toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('lost access to the 2FA method: the support path', () => {
  const MESSAGE = 'I lost my phone in a taxi. Call me on +44 7911 123456.';
  const filed = {
    __typename: 'AccountRecoveryRequest' as const,
    id: 'recovery-1',
    status: 'PENDING' as const,
    createdAt: inSeconds(0),
    effectiveAt: null,
    waitHours: 72,
    requestIp: '203.0.113.7',
  };
  const requestAnswered = answers(
    RequestAccountRecoveryDocument,
    { challengeId: 'challenge-1', message: MESSAGE },
    { __typename: 'Mutation', requestAccountRecovery: filed },
  );

  it('asks support from the code page, says what happens next, and names where support is', async () => {
    const { user } = await atChallenge(challengeOf(), [requestAnswered], { supportContact: 'support@hostkey.example' });
    expect(await screen.findByRole('link', { name: 'support@hostkey.example' })).toHaveAttribute('href', 'mailto:support@hostkey.example');

    await user.click(screen.getByRole('button', { name: 'Lost access to your 2FA method?' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Lost access to your 2FA method?' })).toHaveFocus();
    const message = screen.getByLabelText('Message to support');
    await user.type(message, 'lost it');
    await user.click(screen.getByRole('button', { name: 'Send to support' }));
    await expectAlertToSay('Tell support what happened in 20 to 1,000 characters: what you lost, and how they can reach you.');
    expect(message).toHaveFocus();

    await user.clear(message);
    await user.type(message, MESSAGE);
    await user.click(screen.getByRole('button', { name: 'Send to support' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Your request was sent to support' })).toHaveFocus();
    expect(screen.getByText(/removed from your account 72 hours later, unless the request is cancelled before/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('goes back to the code, and says when the account has a request open already', async () => {
    const { user } = await atChallenge(challengeOf(), [
      refuses(
        RequestAccountRecoveryDocument,
        { challengeId: 'challenge-1', message: MESSAGE },
        graphQLError('BAD_USER_INPUT', { reason: 'RECOVERY_ALREADY_OPEN' }),
      ),
    ]);
    await user.click(screen.getByRole('button', { name: 'Lost access to your 2FA method?' }));
    await user.click(screen.getByRole('button', { name: 'Back to the code' }));
    expect(codeBox()).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Lost access to your 2FA method?' }));
    await user.type(screen.getByLabelText('Message to support'), MESSAGE);
    await user.click(screen.getByRole('button', { name: 'Send to support' }));
    await expectAlertToSay('A recovery request for this account is already open: support will decide it. You do not need to ask again.');
  });

  it('is offered on the lock screen, where a locked sign-in still counts', async () => {
    const { user } = await atChallenge(challengeOf(), [
      refuses(
        VerifyLoginChallengeDocument,
        verify('654321'),
        graphQLError('TOO_MANY_ATTEMPTS', { reason: 'LOCKED', retryAfterSeconds: 900 }),
      ),
      requestAnswered,
    ]);
    await user.type(codeBox(), '654321');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('heading', { level: 2, name: '2FA checks are locked' });

    await user.click(screen.getByRole('button', { name: 'Lost access to your 2FA method? Ask support to recover your account' }));
    // No code can be checked now: the way back is to sign in again, not the code box.
    expect(screen.queryByRole('button', { name: 'Back to the code' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Message to support'), MESSAGE);
    await user.click(screen.getByRole('button', { name: 'Send to support' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Your request was sent to support' })).toBeInTheDocument();
  });
});

describe('signing in with one of the last recovery codes', () => {
  const withRecoveryCode = (remaining: number) =>
    answers(VerifyLoginChallengeDocument, verify('ab12-cd34-ef56'), {
      __typename: 'Mutation',
      verifyLoginChallenge: { __typename: 'AuthPayload', user: ALICE, recoveryCodesRemaining: remaining },
    });

  async function signInWithRecoveryCode(remaining: number) {
    const app = await atChallenge(challengeOf(), [withRecoveryCode(remaining)], {
      twoFactor: { ...TOTP_ON, recoveryCodesRemaining: remaining },
    });
    await app.user.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await app.user.type(screen.getByLabelText(/^Recovery code/), 'ab12-cd34-ef56');
    await app.user.click(screen.getByRole('button', { name: 'Verify' }));
    return app;
  }

  it('stops to say how few are left, and leads to new ones', async () => {
    const { user, currentPath } = await signInWithRecoveryCode(2);

    expect(await screen.findByRole('heading', { level: 2, name: 'You signed in with a recovery code' })).toHaveFocus();
    expect(screen.getByRole('note', { name: 'Few recovery codes left' })).toHaveTextContent('Only 2 recovery codes are left.');
    await user.click(screen.getByRole('button', { name: 'Get new recovery codes' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings for 2FA' })).toBeInTheDocument();
    expect(currentPath()).toBe('/settings/2fa');
    expect(await screen.findByRole('note', { name: 'Few recovery codes left' })).toBeInTheDocument();
  });

  it('says the last one was used, and goes on when asked', async () => {
    const { user, currentPath } = await signInWithRecoveryCode(0);

    expect(await screen.findByText('You have no recovery codes left.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
    expect(currentPath()).toBe('/');
  });
});
