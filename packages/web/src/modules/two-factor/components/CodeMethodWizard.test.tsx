import { act, screen, within } from '@testing-library/react';
import {
  EnableTwoFactorDocument,
  ResendEnrollmentCodeDocument,
  SendTwoFactorProofCodeDocument,
  VerifyTwoFactorDocument,
  type CodeSentFieldsFragment,
} from '../graphql/twoFactor.generated';
import type { EnableTwoFactorInput } from '../../../generated/graphql';
import { expectAlertToSay } from '../../../../test/expectAlert';
import {
  ALICE,
  EMAIL_ON,
  RECOVERY_CODES,
  SETTINGS_OFF,
  SMS_ON,
  TOTP_ON,
  answers,
  graphQLError,
  inSeconds,
  meAnswers,
  refuses,
  settingsWith,
  type Settings,
} from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';
import { loadPhoneNumbers } from '../phone/usePhoneNumbers';

const MAIL_SENT = 'The code was sent to the email address provided';
const SMS_SENT = 'The code was sent to the phone number provided';

function codeSent(message: string, maskedDestination: string, resendInSeconds = 60): CodeSentFieldsFragment {
  return {
    __typename: 'CodeSent',
    message,
    maskedDestination,
    expiresAt: inSeconds(600),
    resendAvailableAt: inSeconds(resendInSeconds),
  };
}

function started(input: EnableTwoFactorInput, sent: CodeSentFieldsFragment) {
  return answers(EnableTwoFactorDocument, { input }, { __typename: 'Mutation', enableTwoFactor: sent });
}

function verified(code: string, message: string, settings: Settings, recoveryCodes: string[] | null = RECOVERY_CODES) {
  return answers(
    VerifyTwoFactorDocument,
    { code },
    {
      __typename: 'Mutation',
      verifyTwoFactor: { __typename: 'VerifyTwoFactorPayload', message, recoveryCodes, settings },
    },
  );
}

// The wizards' code loads when first opened (the SMS one with libphonenumber's metadata); under
// Jest that first load is slow, so it happens once here rather than inside a test's time limit.
beforeAll(() => Promise.all([import('../pages'), loadPhoneNumbers()]), 30_000);

function openWizard(path: string, twoFactor: Settings, mocks: Parameters<typeof renderApp>[0]['mocks']) {
  return renderApp({ path, mocks: [meAnswers(ALICE), ...mocks], twoFactor });
}

describe('the Mail verification wizard', () => {
  // Sent when the test asks, not when the file loads: the countdown starts from this answer.
  const mailSent = () => codeSent(MAIL_SENT, 'a***@example.com');

  it('sends a code to the address, then Verify code gives the guide’s message and the recovery codes', async () => {
    const { user } = openWizard('/settings/2fa/email', SETTINGS_OFF, [
      started({ method: 'EMAIL', email: ALICE.email }, mailSent()),
      verified('123456', 'Code successfully verified. 2FA method will be set to mail', EMAIL_ON),
    ]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Enable Mail verification' })).toBeInTheDocument();
    // The heading shows at once; the form follows the settings it starts from.
    const address = await screen.findByLabelText(/^E-mail address/);
    expect(address).toHaveValue(ALICE.email);
    expect(address).toHaveAttribute('autocomplete', 'email');
    expect(screen.getByRole('note', { name: 'Attention' })).toHaveTextContent(
      'In case you lose access to your email, the only way to regain access to your account is by contacting technical support.',
    );
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    expect(await screen.findByText(MAIL_SENT)).toHaveAttribute('role', 'status');
    expect(screen.getByText(/Enter the verification code from the email with the subject line/)).toHaveTextContent(
      // The address just typed, in full, so a typo shows; the API's answer masks it.
      `Enter the verification code from the email with the subject line HOSTKEY: email verification code, sent to ${ALICE.email}. Then click Verify code.`,
    );
    const code = screen.getByLabelText(/^Verification code/);
    expect(code).toHaveFocus();
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(screen.getByRole('button', { name: 'Send a new code' })).toHaveAttribute('aria-disabled', 'true');
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify code' }));

    expect(await screen.findByText('Code successfully verified. 2FA method will be set to mail')).toHaveFocus();
    expect(within(screen.getByRole('list', { name: 'Recovery codes' })).getAllByRole('listitem')).toHaveLength(10);
  });

  it('refuses an address that is not one before sending anything', async () => {
    const { user } = openWizard('/settings/2fa/email', SETTINGS_OFF, []);

    const address = await screen.findByLabelText(/^E-mail address/);
    await user.clear(address);
    await user.type(address, 'alice.example.com');
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    await expectAlertToSay('Enter a valid e-mail address.');
    expect(address).toHaveFocus();
    expect(address).toHaveAttribute('aria-invalid', 'true');
  });

  it.each([
    ['BAD_USER_INPUT', { field: 'email' }, 'Enter a valid e-mail address.'],
    ['DELIVERY_FAILED', { reason: 'DELIVERY_FAILED' }, 'The code could not be sent. Nothing was used up: please try again.'],
    ['TOO_MANY_ATTEMPTS', { retryAfterSeconds: 30 }, 'Too many attempts. Try again in 30 seconds.'],
  ])('explains a code that could not be sent: %s', async (code, extensions, words) => {
    const { user } = openWizard('/settings/2fa/email', SETTINGS_OFF, [
      refuses(EnableTwoFactorDocument, { input: { method: 'EMAIL', email: ALICE.email } }, graphQLError(code, extensions)),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Send code' }));

    await expectAlertToSay(words);
    expect(screen.getByLabelText(/^E-mail address/)).toBeInTheDocument();
  });

  it.each([
    ['INVALID_CODE', { reason: 'INVALID_CODE' }, 'That code is not correct. Check it and try again.'],
    ['CODE_EXPIRED', { reason: 'CODE_EXPIRED' }, 'That code has expired. Ask for a new one.'],
    [
      'TOO_MANY_ATTEMPTS',
      { retryAfterSeconds: 900 },
      'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
    ],
  ])('keeps the code step when Verify code is refused with %s', async (code, extensions, words) => {
    const { user } = openWizard('/settings/2fa/email', SETTINGS_OFF, [
      started({ method: 'EMAIL', email: ALICE.email }, mailSent()),
      refuses(VerifyTwoFactorDocument, { code: '654321' }, graphQLError(code, extensions)),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Send code' }));
    const box = await screen.findByLabelText(/^Verification code/);
    await user.type(box, '654321');
    await user.click(screen.getByRole('button', { name: 'Verify code' }));

    await expectAlertToSay(words);
    expect(box).toHaveFocus();
  });

  it('counts down to a new code, sends it, and says so', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const { user } = openWizard('/settings/2fa/email', SETTINGS_OFF, [
        started({ method: 'EMAIL', email: ALICE.email }, mailSent()),
        answers(ResendEnrollmentCodeDocument, undefined, { __typename: 'Mutation', resendEnrollmentCode: mailSent() }),
      ]);

      await user.click(await screen.findByRole('button', { name: 'Send code' }));
      const resend = await screen.findByRole('button', { name: 'Send a new code' });
      expect(resend).toHaveAccessibleDescription(/^You can ask for a new code in (1:00|0:5\d)\.$/);

      act(() => jest.advanceTimersByTime(61_000));
      expect(resend).toHaveAttribute('aria-disabled', 'false');
      await user.click(resend);

      expect(await screen.findByText(`A new code was sent to ${ALICE.email}.`)).toHaveAttribute('role', 'status');
      expect(screen.getByRole('button', { name: 'Send a new code' })).toHaveAttribute('aria-disabled', 'true');
    } finally {
      jest.useRealTimers();
    }
  });

  it('offers a fresh start when a resend finds the set-up expired', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const { user } = openWizard('/settings/2fa/email', SETTINGS_OFF, [
        started({ method: 'EMAIL', email: ALICE.email }, mailSent()),
        refuses(ResendEnrollmentCodeDocument, undefined, graphQLError('CODE_EXPIRED', { reason: 'SETUP_EXPIRED' })),
      ]);

      await user.click(await screen.findByRole('button', { name: 'Send code' }));
      act(() => jest.advanceTimersByTime(61_000));
      await user.click(await screen.findByRole('button', { name: 'Send a new code' }));

      await expectAlertToSay('The set-up has expired. Start again.');
      await user.click(screen.getByRole('button', { name: 'Start again' }));
      expect(screen.getByLabelText(/^E-mail address/)).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('goes back to change the address, keeping what was typed', async () => {
    const typo = 'alice@exmaple.com';
    const { user } = openWizard('/settings/2fa/email', SETTINGS_OFF, [started({ method: 'EMAIL', email: typo }, mailSent())]);

    const address = await screen.findByLabelText(/^E-mail address/);
    await user.clear(address);
    await user.type(address, typo);
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText(/Enter the verification code/)).toHaveTextContent(`sent to ${typo}.`);
    await user.click(await screen.findByRole('button', { name: 'Use a different e-mail address' }));

    expect(screen.getByLabelText(/^E-mail address/)).toHaveValue(typo);
  });

  it('goes on with a set-up left open, at its code', async () => {
    openWizard(
      '/settings/2fa/email',
      settingsWith({
        pending: { __typename: 'PendingTwoFactor', method: 'EMAIL', maskedDestination: 'b***@example.com', expiresAt: inSeconds(300) },
      }),
      [],
    );

    expect(await screen.findByText('A code was sent to b***@example.com earlier. Enter it, or ask for a new one.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Verification code/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send a new code' })).toHaveAttribute('aria-disabled', 'false');
  });
});

describe('the SMS wizard', () => {
  const smsSent = () => codeSent(SMS_SENT, '+44 *** *** 56');
  const GB_EXAMPLE_PROBLEM = 'Enter a valid mobile phone number, for example 07400 123456 or +44 7400 123456.';

  it('takes the country and the number, then Check Code gives the guide’s message', async () => {
    const { user } = openWizard('/settings/2fa/sms', SETTINGS_OFF, [
      started({ method: 'SMS', phoneNumber: '07911 123456', phoneCountry: 'GB' }, smsSent()),
      verified('123456', 'Code successfully verified, 2FA method set to SMS', SMS_ON),
    ]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Enable SMS' })).toBeInTheDocument();
    // The form follows the settings it starts from.
    const country = await screen.findByLabelText('Country');
    expect(within(country).getByRole('option', { name: 'United Kingdom (+44)' })).toBeInTheDocument();
    await user.selectOptions(country, 'GB');
    const number = screen.getByLabelText(/^Mobile phone number/);
    expect(number).toHaveAttribute('type', 'tel');
    expect(number).toHaveAccessibleDescription('For example 07400 123456, or +44 7400 123456 in international form.');
    await user.type(number, '07911 123456');
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    expect(await screen.findByText(SMS_SENT)).toHaveAttribute('role', 'status');
    // The number just typed, in full, so a typo shows; the API's answer masks it.
    expect(screen.getByText(/Enter the code from the SMS sent to/)).toHaveTextContent(
      'Enter the code from the SMS sent to +44 7911 123456. Then click Check Code.',
    );
    await user.type(screen.getByLabelText(/^Code from the SMS/), '123456');
    await user.click(screen.getByRole('button', { name: 'Check Code' }));

    expect(await screen.findByText('Code successfully verified, 2FA method set to SMS')).toBeInTheDocument();
  });

  it('marks the number the API refused', async () => {
    const { user } = openWizard('/settings/2fa/sms', SETTINGS_OFF, [
      refuses(
        EnableTwoFactorDocument,
        { input: { method: 'SMS', phoneNumber: '01632 960123', phoneCountry: 'GB' } },
        graphQLError('BAD_USER_INPUT', { field: 'phoneNumber' }),
      ),
    ]);

    await user.selectOptions(await screen.findByLabelText('Country'), 'GB');
    const number = screen.getByLabelText(/^Mobile phone number/);
    await user.type(number, '01632 960123');
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    await expectAlertToSay(GB_EXAMPLE_PROBLEM);
    expect(number).toHaveFocus();
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(fieldOf(number)).toHaveTextContent(GB_EXAMPLE_PROBLEM);
  });

  it('starts at the browser’s country with an example of it, and follows the country chosen', async () => {
    // jsdom's browser speaks en-US.
    const { user } = openWizard('/settings/2fa/sms', SETTINGS_OFF, []);

    const country = await screen.findByLabelText('Country');
    expect(country).toHaveValue('US');
    const number = screen.getByLabelText(/^Mobile phone number/);
    expect(number).toHaveAccessibleDescription('For example (201) 555-0123, or +1 201 555 0123 in international form.');

    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(fieldOf(number)).toHaveTextContent('Enter a valid mobile phone number, for example (201) 555-0123 or +1 201 555 0123.');

    await user.selectOptions(country, 'DE');
    expect(number).toHaveAccessibleDescription(/^For example 01512 3456789, or \+49 1512 3456789 in international form\./);
  });

  it('starts at the first country the server offers when the browser’s is not among them', async () => {
    openWizard('/settings/2fa/sms', { ...SETTINGS_OFF, smsCountries: ['GB', 'DE'] }, []);

    expect(await screen.findByLabelText('Country')).toHaveValue('GB');
    expect(screen.getByLabelText(/^Mobile phone number/)).toHaveAccessibleDescription(
      'For example 07400 123456, or +44 7400 123456 in international form.',
    );
  });

  it('offers only the countries the server sends SMS codes to, and says why it refuses a number of another', async () => {
    const { user } = openWizard('/settings/2fa/sms', { ...SETTINGS_OFF, smsCountries: ['DE', 'GB'] }, [
      refuses(
        EnableTwoFactorDocument,
        { input: { method: 'SMS', phoneNumber: '+33 6 12 34 56 78', phoneCountry: 'GB' } },
        graphQLError('BAD_USER_INPUT', { field: 'phoneNumber', reason: 'COUNTRY_NOT_OFFERED' }),
      ),
    ]);

    const country = await screen.findByLabelText('Country');
    expect(
      within(country)
        .getAllByRole('option')
        .map((option) => option.getAttribute('value')),
    ).toEqual(['DE', 'GB']);
    await user.selectOptions(country, 'GB');
    const number = screen.getByLabelText(/^Mobile phone number/);
    await user.type(number, '+33 6 12 34 56 78');
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    await expectAlertToSay('This server does not send SMS codes to numbers of that country. Choose another number or method.');
    expect(number).toHaveFocus();
  });

  it('asks for a number before sending anything', async () => {
    const { user } = openWizard('/settings/2fa/sms', SETTINGS_OFF, []);

    await user.selectOptions(await screen.findByLabelText('Country'), 'GB');
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    await expectAlertToSay(GB_EXAMPLE_PROBLEM);
    expect(screen.getByLabelText(/^Mobile phone number/)).toHaveFocus();
  });

  it('switching from e-mail asks for its code on a step of its own, so each step has one action that sends', async () => {
    const input = { method: 'SMS', phoneNumber: '07911 123456', phoneCountry: 'GB' } as const;
    const { user } = openWizard('/settings/2fa/sms', EMAIL_ON, [
      answers(SendTwoFactorProofCodeDocument, undefined, {
        __typename: 'Mutation',
        sendTwoFactorProofCode: codeSent(MAIL_SENT, 'a***@example.com'),
      }),
      refuses(EnableTwoFactorDocument, { input: { ...input, proof: '111111' } }, graphQLError('INVALID_CODE', { reason: 'INVALID_CODE' })),
      started({ ...input, proof: '222222' }, smsSent()),
    ]);

    // Step 1: the code of the method in use, with the one button that sends it.
    expect(await screen.findByText(/Your 2FA method now is/)).toHaveTextContent('Your 2FA method now is Mail verification.');
    expect(sendingButtons()).toEqual(['Send a code to a***@example.com']);
    expect(screen.getByLabelText(/^Mobile phone number/)).not.toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Send a code to a***@example.com' }));
    expect(await screen.findByText(MAIL_SENT)).toBeInTheDocument();
    const proof = screen.getByLabelText(/^2FA code or recovery code/);
    await user.type(proof, '111111');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // Step 2: the new number, with Send code as the only action that sends.
    const number = screen.getByLabelText(/^Mobile phone number/);
    expect(number).toBeVisible();
    expect(number).toHaveFocus();
    expect(proof).not.toBeVisible();
    expect(sendingButtons()).toEqual(['Send code']);
    await user.selectOptions(screen.getByLabelText('Country'), 'GB');
    await user.type(number, '07911 123456');
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    // A refused proof leads back to it, with the number kept.
    await expectAlertToSay('That code is not correct. Enter a current code of your 2FA method, or a recovery code.');
    expect(proof).toBeVisible();
    expect(proof).toHaveFocus();
    expect(fieldOf(proof)).toHaveTextContent('That code is not correct.');
    await user.clear(proof);
    await user.type(proof, '222222');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByLabelText(/^Mobile phone number/)).toHaveValue('07911 123456');
    await user.click(screen.getByRole('button', { name: 'Send code' }));

    expect(await screen.findByText(SMS_SENT)).toBeInTheDocument();
    expect(screen.getByText(/Enter the code from the SMS sent to/)).toHaveTextContent('+44 7911 123456');
  });

  it('switches from TOTP with a proof beside the number, keeping TOTP until the code is checked', async () => {
    const { user } = openWizard('/settings/2fa/sms', TOTP_ON, [
      refuses(
        EnableTwoFactorDocument,
        { input: { method: 'SMS', phoneNumber: '+447911123456', phoneCountry: 'GB', proof: '111111' } },
        graphQLError('INVALID_CODE', { reason: 'INVALID_CODE' }),
      ),
      started({ method: 'SMS', phoneNumber: '+447911123456', phoneCountry: 'GB', proof: 'ab12-cd34-ef56' }, smsSent()),
    ]);

    expect(await screen.findByText(/Your 2FA method now is/)).toHaveTextContent('Your 2FA method now is TOTP. It keeps working');
    await user.selectOptions(screen.getByLabelText('Country'), 'GB');
    const number = screen.getByLabelText(/^Mobile phone number/);
    const proof = screen.getByLabelText(/^2FA code or recovery code/);
    // TOTP sends nothing: one form, one action that sends.
    expect(screen.getAllByRole('button', { name: /send/i }).map((button) => button.textContent)).toEqual(['Send code']);

    // A problem with the number shows under the number, not under the proof below it.
    await user.type(proof, '111111');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(number).toHaveFocus();
    expect(fieldOf(number)).toHaveTextContent(GB_EXAMPLE_PROBLEM);
    expect(fieldOf(proof)).not.toHaveTextContent(GB_EXAMPLE_PROBLEM);

    // The proof is asked for before anything is sent.
    await user.clear(proof);
    await user.type(number, '+447911123456');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    await expectAlertToSay('Enter the 6-digit code, or a recovery code.');
    expect(proof).toHaveFocus();
    expect(fieldOf(proof)).toHaveTextContent('Enter the 6-digit code, or a recovery code.');

    await user.type(proof, '111111');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    await expectAlertToSay('That code is not correct. Enter a current code of your 2FA method, or a recovery code.');
    expect(proof).toHaveFocus();

    await user.clear(proof);
    await user.type(proof, 'ab12-cd34-ef56');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText(SMS_SENT)).toBeInTheDocument();
  });
});

/** The frame of a field: its label, hint, control and the words under it. */
function fieldOf(control: HTMLElement): HTMLElement {
  return control.closest('.field') as HTMLElement;
}

/** The visible buttons that send something (a code, a proof): one per step. */
function sendingButtons(): string[] {
  return screen
    .getAllByRole('button')
    .filter((button) => button.closest('[hidden]') === null)
    .map((button) => button.textContent ?? '')
    .filter((name) => /^Send/.test(name));
}
