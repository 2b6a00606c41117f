import { screen, within } from '@testing-library/react';
import { DisableTwoFactorDocument, RegenerateRecoveryCodesDocument, SendTwoFactorProofCodeDocument } from '../graphql/twoFactor.generated';
import { TwoFactorSettingsDocument } from '../graphql/twoFactorSettings.generated';
import { formatDateTime } from '../../../ui/dateTime';
import { expectAlertToSay } from '../../../../test/expectAlert';
import {
  ACTIVE_SINCE,
  ALICE,
  EMAIL_ON,
  RECOVERY_CODES,
  SETTINGS_OFF,
  SMS_ON,
  TOTP_ON,
  answers,
  cannotReach,
  graphQLError,
  inSeconds,
  meAnswers,
  refuses,
  settingsAnswer,
  settingsWith,
  type Settings,
} from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';

const DELETED = 'Your 2FA settings have been successfully deleted.';
const CANNOT_DISABLE =
  'This server requires two-factor authentication for your account: you can switch to another method, but not turn it off.';

function openSettings(twoFactor: Settings, mocks: Parameters<typeof renderApp>[0]['mocks'] = []) {
  return renderApp({ path: '/settings/2fa', mocks: [meAnswers(ALICE), ...mocks], twoFactor });
}

/** The state at a glance, at the top of the page. */
const state = () => screen.getByRole('region', { name: 'Your two-factor authentication' });

/** Its label and value pairs. */
function facts(region: HTMLElement): Record<string, string> {
  const terms = within(region).getAllByRole('term');
  return Object.fromEntries(terms.map((term) => [term.textContent, term.nextElementSibling?.textContent ?? '']));
}

function methodNames(list: HTMLElement): Array<string | null> {
  return within(list)
    .getAllByRole('heading', { level: 2 })
    .map((heading) => heading.textContent);
}

/** The Attention notes set as a box (not the quiet lines inside the method cards). */
function boxedNotes(): Array<string | null> {
  return screen
    .getAllByRole('note', { name: 'Attention' })
    .filter((note) => !note.classList.contains('attention--quiet'))
    .map((note) => note.lastElementChild?.textContent ?? null);
}

/** The card of one method, found by its heading. */
async function card(name: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 2, name });
  return heading.closest('li') as HTMLElement;
}

describe('Settings for 2FA', () => {
  it('lists TOTP, Mail verification and SMS, TOTP first, each with Enable and its Attention note', async () => {
    openSettings(SETTINGS_OFF);

    const list = await screen.findByRole('list', { name: '2FA methods' });
    const names = within(list)
      .getAllByRole('heading', { level: 2 })
      .map((heading) => heading.textContent);
    expect(names).toEqual(['TOTP', 'Mail verification', 'SMS']);
    expect(within(list).getAllByRole('button', { name: 'Enable' })).toHaveLength(3);
    expect(screen.getByText('Choose only one of the two-factor authentication methods.')).toBeInTheDocument();
    expect(state()).toHaveTextContent(/Off\s*Your password alone opens your account\./);
    expect(screen.getByText(/asks for a code after your password/)).toHaveTextContent(
      'Two-factor authentication (2FA) asks for a code after your password, so a stolen password alone cannot open your account. We recommend that you enable it.',
    );
    // One box: the guide's rule of one method. The methods' own notes are quiet lines in their cards.
    expect(boxedNotes()).toEqual(['Choose only one of the two-factor authentication methods.']);

    const totp = await card('TOTP');
    expect(within(totp).getByText('Recommended')).toBeInTheDocument();
    expect(within(totp).getByRole('note', { name: 'Attention' })).toHaveTextContent(
      'If you delete the 2FA authentication record from the TOTP app or lose the device with it, you will lose access to the account. The only way to restore access is by contacting our technical support.',
    );
    expect(within(totp).getByRole('button', { name: 'Enable' })).toHaveAccessibleDescription('TOTP');

    const mail = await card('Mail verification');
    expect(within(mail).getByText(/Weaker than TOTP/)).toBeInTheDocument();
    expect(within(mail).getByRole('note', { name: 'Attention' })).toHaveTextContent(
      'In case you lose access to your email, the only way to regain access to your account is by contacting technical support.',
    );
    const sms = await card('SMS');
    expect(within(sms).getByText(/Weaker than TOTP/)).toBeInTheDocument();
    expect(within(sms).getByRole('note', { name: 'Attention' })).toHaveTextContent(
      'If you lose access to your phone number, you can only regain access to your account by contacting our technical support.',
    );
    // No recovery codes without 2FA.
    expect(screen.queryByRole('heading', { name: 'Recovery codes' })).not.toBeInTheDocument();
  });

  it('shows the state at a glance first: the method and where its codes go, since when, the recovery codes left', async () => {
    openSettings(settingsWith({ ...SMS_ON, recoveryCodesRemaining: 7 }));

    const glance = await screen.findByRole('region', { name: 'Your two-factor authentication' });
    expect(facts(glance)).toEqual({
      Status: 'On',
      Method: 'SMS, codes go to +44 *** *** 56',
      'On since': formatDateTime(ACTIVE_SINCE),
      'Recovery codes left': '7',
    });
    expect(within(glance).getByText(formatDateTime(ACTIVE_SINCE))).toHaveAttribute('datetime', ACTIVE_SINCE);
    // Before the rule and the methods; no invitation to enable what is on.
    const list = screen.getByRole('list', { name: '2FA methods' });
    expect(glance.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByText(/We recommend that you enable it/)).not.toBeInTheDocument();
    expect(screen.queryByRole('note', { name: 'Few recovery codes left' })).not.toBeInTheDocument();
  });

  it('lists the active method first and marked, with Disable 2FA, then the others in the guide’s order', async () => {
    openSettings(SMS_ON);

    const list = await screen.findByRole('list', { name: '2FA methods' });
    expect(methodNames(list)).toEqual(['SMS', 'TOTP', 'Mail verification']);
    const sms = await card('SMS');
    expect(within(sms).getByText('Active')).toBeInTheDocument();
    expect(within(sms).getByRole('button', { name: 'Disable 2FA' })).toBeInTheDocument();
    expect(within(sms).queryByRole('button', { name: 'Enable' })).not.toBeInTheDocument();
    expect(within(await card('TOTP')).getByRole('button', { name: 'Enable' })).toBeInTheDocument();
    expect(screen.getByText(/10 recovery codes are left/)).toBeInTheDocument();
  });

  it('says what TOTP codes come from', async () => {
    openSettings(TOTP_ON);

    expect(facts(await screen.findByRole('region', { name: 'Your two-factor authentication' })).Method).toBe(
      'TOTP, codes come from your authenticator app',
    );
  });

  it('lists only the methods this server offers, and the active one so it can be disabled', async () => {
    openSettings(settingsWith({ ...SMS_ON, availableMethods: ['TOTP'] }));

    const list = await screen.findByRole('list', { name: '2FA methods' });
    expect(methodNames(list)).toEqual(['SMS', 'TOTP']);
    const sms = await card('SMS');
    expect(sms).toHaveTextContent('This server no longer offers SMS for new set-ups; it keeps working for you.');
    expect(within(sms).getByRole('button', { name: 'Disable 2FA' })).toBeInTheDocument();
  });

  it('says when a set-up is in progress', async () => {
    openSettings(
      settingsWith({
        pending: { __typename: 'PendingTwoFactor', method: 'EMAIL', maskedDestination: 'b***@example.com', expiresAt: inSeconds(300) },
      }),
    );

    const mail = await card('Mail verification');
    expect(mail).toHaveTextContent('Set-up in progress: a code was sent to b***@example.com. Click Enable to enter it.');
  });

  it('opens the wizard of a method from its Enable button', async () => {
    const { user, currentPath } = openSettings(SETTINGS_OFF);

    await user.click(within(await card('SMS')).getByRole('button', { name: 'Enable' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Enable SMS' })).toBeInTheDocument();
    expect(currentPath()).toBe('/settings/2fa/sms');
  });

  it('disables 2FA after a proof and says the guide’s words', async () => {
    const { user } = openSettings(TOTP_ON, [
      answers(
        DisableTwoFactorDocument,
        { code: '123456' },
        {
          __typename: 'Mutation',
          disableTwoFactor: { __typename: 'DisableTwoFactorPayload', message: DELETED, settings: SETTINGS_OFF },
        },
      ),
    ]);

    const totp = await card('TOTP');
    await user.click(within(totp).getByRole('button', { name: 'Disable 2FA' }));
    expect(within(totp).getByRole('heading', { level: 3, name: 'Disable 2FA' })).toHaveFocus();
    expect(within(totp).getByText(/enter the current code from your authenticator app, or one of your recovery codes/)).toBeInTheDocument();
    await user.type(within(totp).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(totp).getByRole('button', { name: 'Disable 2FA' }));

    const outcome = await screen.findByText(DELETED);
    expect(outcome).toHaveAttribute('role', 'status');
    expect(outcome).toHaveFocus();
    expect(within(await card('TOTP')).getByRole('button', { name: 'Enable' })).toBeInTheDocument();
    expect(state()).toHaveTextContent(/Off\s*Your password alone opens your account\./);
  });

  it('takes a recovery code as the proof to disable', async () => {
    const { user } = openSettings(TOTP_ON, [
      answers(
        DisableTwoFactorDocument,
        { code: 'ab12-cd34-ef56' },
        {
          __typename: 'Mutation',
          disableTwoFactor: { __typename: 'DisableTwoFactorPayload', message: DELETED, settings: SETTINGS_OFF },
        },
      ),
    ]);

    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));
    await user.type(screen.getByLabelText(/^2FA code or recovery code/), 'AB12CD34EF56');
    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));

    expect(await screen.findByText(DELETED)).toBeInTheDocument();
  });

  it.each([
    ['INVALID_CODE', { reason: 'INVALID_CODE' }, 'That code is not correct. Enter a current code of your 2FA method, or a recovery code.'],
    [
      'TOO_MANY_ATTEMPTS',
      { retryAfterSeconds: 900 },
      'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
    ],
    ['CODE_EXPIRED', { reason: 'CODE_EXPIRED' }, 'That code has expired. Ask for a new one.'],
  ])('keeps 2FA on when the proof is refused with %s', async (code, extensions, words) => {
    const { user } = openSettings(TOTP_ON, [refuses(DisableTwoFactorDocument, { code: '654321' }, graphQLError(code, extensions))]);

    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));
    const proof = screen.getByLabelText(/^2FA code or recovery code/);
    await user.type(proof, '654321');
    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));

    await expectAlertToSay(words);
    expect(proof).toHaveFocus();
    expect(within(await card('TOTP')).getByText('Active')).toBeInTheDocument();
  });

  it('asks for a proof before sending anything, and Cancel gives the button back', async () => {
    const { user } = openSettings(TOTP_ON);

    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));
    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));
    await expectAlertToSay('Enter the 6-digit code, or a recovery code.');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' })).toHaveFocus();
    expect(screen.queryByLabelText(/^2FA code or recovery code/)).not.toBeInTheDocument();
  });

  it('sends a code to the active e-mail method as the proof', async () => {
    const { user } = openSettings(EMAIL_ON, [
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
    ]);

    const mail = await card('Mail verification');
    await user.click(within(mail).getByRole('button', { name: 'Disable 2FA' }));
    expect(within(mail).getByText(/enter a code sent by e-mail to a\*\*\*@example.com, or one of your recovery codes/)).toBeInTheDocument();
    await user.click(within(mail).getByRole('button', { name: 'Send a code to a***@example.com' }));

    expect(await within(mail).findByText('The code was sent to the email address provided')).toHaveAttribute('role', 'status');
    expect(within(mail).getByRole('button', { name: 'Send a new code' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('explains a proof code that could not be sent', async () => {
    const { user } = openSettings(SMS_ON, [
      refuses(SendTwoFactorProofCodeDocument, undefined, graphQLError('DELIVERY_FAILED', { reason: 'DELIVERY_FAILED' })),
    ]);

    const sms = await card('SMS');
    await user.click(within(sms).getByRole('button', { name: 'Disable 2FA' }));
    await user.click(within(sms).getByRole('button', { name: 'Send a code to +44 *** *** 56' }));

    await expectAlertToSay('The code could not be sent. Nothing was used up: please try again.');
  });

  it('replaces the recovery codes after a proof and shows the new ones once', async () => {
    const { user } = openSettings(settingsWith({ ...TOTP_ON, recoveryCodesRemaining: 2 }), [
      answers(
        RegenerateRecoveryCodesDocument,
        { code: '123456' },
        {
          __typename: 'Mutation',
          regenerateRecoveryCodes: { __typename: 'RecoveryCodesPayload', recoveryCodes: RECOVERY_CODES, settings: TOTP_ON },
        },
      ),
    ]);

    expect(await screen.findByText(/^2 recovery codes are left/)).toBeInTheDocument();
    // Three or fewer left: a warning at the top of the page, whose button opens the proof below.
    const warning = screen.getByRole('note', { name: 'Few recovery codes left' });
    expect(state()).toContainElement(warning);
    expect(warning).toHaveTextContent(
      'Only 2 recovery codes are left. Without them, losing your 2FA method means contacting technical support to get back in: get new ones now.',
    );
    await user.click(within(warning).getByRole('button', { name: 'Get new recovery codes' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Recovery codes' })).toHaveFocus();
    const panel = screen.getByRole('region', { name: 'Recovery codes' });
    await user.type(within(panel).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(panel).getByRole('button', { name: 'Get new recovery codes' }));

    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(RECOVERY_CODES);
    expect(screen.getByText('New recovery codes are ready. The old ones no longer work.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
    expect(screen.getByText(/^10 recovery codes are left/)).toBeInTheDocument();
    expect(screen.queryByRole('note', { name: 'Few recovery codes left' })).not.toBeInTheDocument();
  });

  it.each([
    [3, 'Only 3 recovery codes are left.'],
    [1, 'Only 1 recovery code is left.'],
    [0, 'You have no recovery codes left.'],
  ])('warns when %i recovery codes are left', async (remaining, words) => {
    openSettings(settingsWith({ ...EMAIL_ON, recoveryCodesRemaining: remaining }));

    expect(await screen.findByRole('note', { name: 'Few recovery codes left' })).toHaveTextContent(words);
  });

  it('offers no Disable 2FA when the server requires 2FA, only switching to another method', async () => {
    openSettings(settingsWith({ ...EMAIL_ON, required: true }));

    const mail = await card('Mail verification');
    expect(within(mail).getByText('Active')).toBeInTheDocument();
    expect(within(mail).getByText(CANNOT_DISABLE)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Disable 2FA' })).not.toBeInTheDocument();
    expect(within(await card('TOTP')).getByRole('button', { name: 'Enable' })).toBeInTheDocument();
    expect(within(await card('SMS')).getByRole('button', { name: 'Enable' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Recovery codes' })).toBeInTheDocument();
  });

  it('keeps 2FA on and says why when Disable 2FA is refused because the server now requires it', async () => {
    // The requirement came after the page loaded, so the button was still there.
    const { user, currentPath } = openSettings(TOTP_ON, [
      refuses(DisableTwoFactorDocument, { code: '123456' }, graphQLError('FORBIDDEN', { reason: 'REQUIRED_CANNOT_DISABLE' })),
    ]);

    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));
    await user.type(screen.getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(await card('TOTP')).getByRole('button', { name: 'Disable 2FA' }));

    await expectAlertToSay(CANNOT_DISABLE);
    expect(within(await card('TOTP')).getByText('Active')).toBeInTheDocument();
    expect(currentPath()).toBe('/settings/2fa');
  });

  it('says by when the server wants 2FA on while it is off', async () => {
    const requiredBy = inSeconds(3 * 24 * 60 * 60);
    openSettings(settingsWith({ required: true, requiredBy }));

    expect(await screen.findByText(/Enable it by/)).toHaveTextContent(
      `This server requires two-factor authentication for your account. Enable it by ${formatDateTime(requiredBy)} to keep your access.`,
    );
    expect(screen.getAllByRole('button', { name: 'Enable' })).toHaveLength(3);
  });

  it('says when the settings cannot be loaded, and tries again', async () => {
    const { user } = renderApp({
      path: '/settings/2fa',
      mocks: [meAnswers(ALICE), cannotReach(TwoFactorSettingsDocument, undefined), settingsAnswer(TOTP_ON, 1)],
      twoFactor: TOTP_ON,
    });

    await expectAlertToSay('Could not reach the server. Check your connection and try again.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(within(await card('TOTP')).getByText('Active')).toBeInTheDocument();
  });
});
