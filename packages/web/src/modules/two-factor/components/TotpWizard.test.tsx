import { act, screen, within } from '@testing-library/react';
import { EnableTwoFactorDocument, SendTwoFactorProofCodeDocument, VerifyTwoFactorDocument } from '../graphql/twoFactor.generated';
import type { EnableTwoFactorInput } from '../../../generated/graphql';
import { expectAlertToSay } from '../../../../test/expectAlert';
import {
  ALICE,
  EMAIL_ON,
  RECOVERY_CODES,
  SETTINGS_OFF,
  TOTP_ON,
  answers,
  cannotReach,
  graphQLError,
  inSeconds,
  meAnswers,
  refuses,
  type Settings,
} from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CHECKED = 'Code successfully verified. 2FA method will be set to TOTP';

function setUpStarted(input: EnableTwoFactorInput = { method: 'TOTP' }, secret = SECRET) {
  return answers(
    EnableTwoFactorDocument,
    { input },
    {
      __typename: 'Mutation',
      enableTwoFactor: {
        __typename: 'TotpSetup',
        secret,
        otpauthUri: `otpauth://totp/HostKey:${ALICE.email}?secret=${secret}&issuer=HostKey&algorithm=SHA1&digits=6&period=30`,
        qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
        expiresAt: inSeconds(600),
      },
    },
  );
}

function verified(code: string, recoveryCodes: string[] | null, settings: Settings = TOTP_ON) {
  return answers(
    VerifyTwoFactorDocument,
    { code },
    {
      __typename: 'Mutation',
      verifyTwoFactor: { __typename: 'VerifyTwoFactorPayload', message: CHECKED, recoveryCodes, settings },
    },
  );
}

function openWizard(twoFactor: Settings, mocks: Parameters<typeof renderApp>[0]['mocks']) {
  return renderApp({ path: '/settings/2fa/totp', mocks: [meAnswers(ALICE), ...mocks], twoFactor });
}

const codeBox = () => screen.getByLabelText(/^Code from the app/);

describe('the TOTP wizard', () => {
  it('starts the set-up at once and shows the QR code and the key in groups of four, with copy', async () => {
    const { user } = openWizard(SETTINGS_OFF, [setUpStarted()]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Enable TOTP' })).toBeInTheDocument();
    const qr = await screen.findByRole('img', { name: 'QR code to add HostKey to your authenticator app' });
    expect(qr).toHaveAttribute('src', 'data:image/png;base64,iVBORw0KGgo=');
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();
    expect(screen.getByText(/Key, letter by letter: J B S W, Y 3 D P/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the key in your authenticator app' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^otpauth:\/\/totp\/HostKey:/),
    );
    expect(screen.getByText(/Google Authenticator or Microsoft Authenticator/)).toBeInTheDocument();
    expect(screen.getByText(/A line similar to/)).toHaveTextContent('A line similar to HostKey: appears in the app');
    expect(screen.getByRole('note', { name: 'Attention' })).toHaveTextContent(/lose the device with it/);

    await user.click(screen.getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(screen.getByText('Copied')).toBeInTheDocument();
  });

  it('checks the code and shows the guide’s message, then the recovery codes once', async () => {
    const { user } = openWizard(SETTINGS_OFF, [setUpStarted(), verified('123456', RECOVERY_CODES)]);

    await screen.findByRole('img', { name: /QR code/ });
    await user.type(codeBox(), '123456');
    await user.click(screen.getByRole('button', { name: 'Check Code' }));

    const message = await screen.findByText(CHECKED);
    expect(message).toHaveAttribute('role', 'status');
    expect(message).toHaveFocus();
    const list = screen.getByRole('list', { name: 'Recovery codes' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    for (const action of ['Copy codes', 'Download', 'Print']) expect(screen.getByRole('button', { name: action })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Done' })).toHaveAttribute('href', '/settings/2fa');
  });

  it.each([
    ['INVALID_CODE', { reason: 'INVALID_CODE' }, 'That code is not correct. Check it and try again.'],
    [
      'INVALID_CODE',
      { reason: 'CLOCK_OFF', clockOffsetMinutes: 4 },
      "That code is for another time: your phone's clock seems to be off by about 4 minutes. Set its date and time to automatic, then enter the new code.",
    ],
    [
      'TOO_MANY_ATTEMPTS',
      { retryAfterSeconds: 900 },
      'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
    ],
  ])('keeps the QR code when Check Code is refused with %s %j', async (code, extensions, words) => {
    const { user } = openWizard(SETTINGS_OFF, [
      setUpStarted(),
      refuses(VerifyTwoFactorDocument, { code: '654321' }, graphQLError(code, extensions)),
    ]);

    await screen.findByRole('img', { name: /QR code/ });
    await user.type(codeBox(), '654321');
    await user.click(screen.getByRole('button', { name: 'Check Code' }));

    await expectAlertToSay(words);
    expect(codeBox()).toHaveFocus();
    expect(screen.getByRole('img', { name: /QR code/ })).toBeInTheDocument();
  });

  it('asks for six digits before checking', async () => {
    const { user } = openWizard(SETTINGS_OFF, [setUpStarted()]);

    await screen.findByRole('img', { name: /QR code/ });
    await user.click(screen.getByRole('button', { name: 'Check Code' }));

    await expectAlertToSay('Enter the 6-digit code.');
  });

  it('offers a fresh start when the set-up has expired', async () => {
    const { user } = openWizard(SETTINGS_OFF, [
      setUpStarted(),
      refuses(VerifyTwoFactorDocument, { code: '654321' }, graphQLError('CODE_EXPIRED', { reason: 'SETUP_EXPIRED' })),
      setUpStarted({ method: 'TOTP' }, 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'),
    ]);

    await screen.findByRole('img', { name: /QR code/ });
    await user.type(codeBox(), '654321');
    await user.click(screen.getByRole('button', { name: 'Check Code' }));

    await expectAlertToSay('The set-up has expired. Start again.');
    const again = screen.getByRole('button', { name: 'Start again' });
    expect(again).toHaveFocus();
    await user.click(again);

    expect(await screen.findByText('KRSX G5CT MVRX EZLU KRSX G5CT MVRX EZLU')).toBeInTheDocument();
  });

  it('ends the set-up when its ten minutes are over', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      openWizard(SETTINGS_OFF, [setUpStarted()]);
      await screen.findByRole('img', { name: /QR code/ });
      expect(screen.getByText(/Time left to finish:/)).toBeInTheDocument();

      act(() => jest.advanceTimersByTime(601_000));

      await expectAlertToSay('The set-up has expired. Start again.');
      expect(screen.queryByRole('img', { name: /QR code/ })).not.toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says so when this server does not offer TOTP, and starts nothing', async () => {
    openWizard({ ...SETTINGS_OFF, availableMethods: ['EMAIL'] }, []);

    expect(await screen.findByRole('alert')).toHaveTextContent('This 2FA method is not available here.');
    expect(screen.getByRole('link', { name: 'Choose another method in Settings for 2FA' })).toHaveAttribute('href', '/settings/2fa');
  });

  it('says when the set-up cannot start, and tries again', async () => {
    const { user } = openWizard(SETTINGS_OFF, [cannotReach(EnableTwoFactorDocument, { input: { method: 'TOTP' } }), setUpStarted()]);

    await expectAlertToSay('Could not reach the server. Check your connection and try again.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('img', { name: /QR code/ })).toBeInTheDocument();
  });
});

describe('the TOTP wizard, switching from another method', () => {
  it('asks for a proof of the active method first, then sets up TOTP beside it', async () => {
    const { user } = openWizard(EMAIL_ON, [
      answers(SendTwoFactorProofCodeDocument, undefined, {
        __typename: 'Mutation',
        sendTwoFactorProofCode: {
          __typename: 'CodeSent',
          message: 'The code was sent to the email address provided',
          maskedDestination: 'a***@example.com',
          expiresAt: inSeconds(600),
          resendAvailableAt: inSeconds(60),
        },
      }),
      setUpStarted({ method: 'TOTP', proof: '112233' }),
      verified('123456', null),
    ]);

    expect(await screen.findByText(/Your 2FA method now is/)).toHaveTextContent(
      'Your 2FA method now is Mail verification. It keeps working until the new method is verified; then the new one replaces it.',
    );
    expect(screen.queryByRole('img', { name: /QR code/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a code to a***@example.com' }));
    await screen.findByText('The code was sent to the email address provided');
    await user.type(screen.getByLabelText(/^2FA code or recovery code/), '112233');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('img', { name: /QR code/ });
    await user.type(codeBox(), '123456');
    await user.click(screen.getByRole('button', { name: 'Check Code' }));

    expect(await screen.findByText(CHECKED)).toBeInTheDocument();
    // Not the first enabling: no new recovery codes.
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
    expect(screen.getByText('Your recovery codes stay the same: 10 of them can still be used.')).toBeInTheDocument();
  });

  it('stays at the proof when it is refused', async () => {
    const { user } = openWizard(TOTP_ON, [
      refuses(
        EnableTwoFactorDocument,
        { input: { method: 'TOTP', proof: '654321' } },
        graphQLError('INVALID_CODE', { reason: 'INVALID_CODE' }),
      ),
    ]);

    const proof = await screen.findByLabelText(/^2FA code or recovery code/);
    await user.type(proof, '654321');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await expectAlertToSay('That code is not correct. Enter a current code of your 2FA method, or a recovery code.');
    expect(proof).toHaveFocus();
  });
});
