import { act, screen, within } from '@testing-library/react';
import { EnableTwoFactorDocument, VerifyTwoFactorDocument } from '../graphql/twoFactor.generated';
import { SecurityLogDocument } from '../../security-log/graphql/securityLog.generated';
import { SECURITY_LOG_PAGE } from '../../security-log/eventWords';
import { expectAlertToSay } from '../../../../test/expectAlert';
import {
  ALICE,
  RECOVERY_CODES,
  SUPPORT_STAFF,
  TOTP_ON,
  answers,
  graphQLError,
  inSeconds,
  meAnswers,
  refuses,
  settingsWith,
} from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';

const HOUR_SECONDS = 60 * 60;
const OVERDUE = settingsWith({ required: true, requiredBy: inSeconds(-HOUR_SECONDS) });
const OVERDUE_WORDS =
  'This server requires two-factor authentication for your account. Enable it now: until you do, only Settings for 2FA is open.';
const REFUSED = graphQLError('FORBIDDEN', { reason: 'TWO_FACTOR_REQUIRED' });
const securityLogRefused = () => refuses(SecurityLogDocument, { first: SECURITY_LOG_PAGE }, REFUSED);

async function expectSettingsForTwoFactor(currentPath: () => string) {
  expect(await screen.findByRole('heading', { level: 1, name: 'Settings for 2FA' })).toBeInTheDocument();
  expect(await screen.findByText(/only Settings for 2FA is open/)).toHaveTextContent(OVERDUE_WORDS);
  expect(currentPath()).toBe('/settings/2fa');
}

describe('required 2FA after the grace period', () => {
  afterEach(() => jest.useRealTimers());

  it.each([
    ['the start page', '/'],
    ['Security log', '/settings/security-log'],
    ['Support: reset 2FA', '/support/2fa-reset'],
    ['an unknown address', '/no/such/page'],
  ])('sends %s to Settings for 2FA, which says why', async (_, path) => {
    const { currentPath } = renderApp({
      path,
      // What the API answers the log if asked before the settings arrive.
      mocks: [meAnswers(SUPPORT_STAFF), securityLogRefused()],
      twoFactor: OVERDUE,
    });

    await expectSettingsForTwoFactor(currentPath);
    expect(screen.getByText('Your password alone opens your account.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Turn on two-factor authentication' })).not.toBeInTheDocument();
  });

  it('keeps the set-up wizards open', async () => {
    const { currentPath } = renderApp({
      path: '/settings/2fa/totp',
      mocks: [meAnswers(ALICE), totpSetUpStarted()],
      twoFactor: OVERDUE,
    });

    expect(await screen.findByRole('img', { name: /QR code/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Enable TOTP' })).toBeInTheDocument();
    expect(currentPath()).toBe('/settings/2fa/totp');
  });

  it('moves on when the server refuses for want of 2FA before this browser’s clock says the time is up', async () => {
    // The server's clock is ahead: by this browser's, the deadline is still an hour away.
    const { user, currentPath } = renderApp({
      path: '/',
      mocks: [meAnswers(ALICE), securityLogRefused()],
      twoFactor: settingsWith({ required: true, requiredBy: inSeconds(HOUR_SECONDS) }),
    });
    expect(await screen.findByRole('region', { name: 'Turn on two-factor authentication' })).toHaveTextContent(/Enable it by/);

    await user.click(screen.getByRole('button', { name: ALICE.email }));
    await user.click(within(screen.getByRole('navigation', { name: 'User menu' })).getByRole('link', { name: 'Security log' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Settings for 2FA' })).toHaveFocus();
    expect(currentPath()).toBe('/settings/2fa');
  });

  it('moves on by itself when the deadline passes with a page open', async () => {
    // Fake timers that also run on their own, so the mocked API still answers.
    jest.useFakeTimers({ advanceTimers: true });
    const { currentPath } = renderApp({
      path: '/',
      mocks: [meAnswers(ALICE)],
      twoFactor: settingsWith({ required: true, requiredBy: inSeconds(HOUR_SECONDS) }),
    });
    expect(await screen.findByRole('region', { name: 'Turn on two-factor authentication' })).toHaveTextContent(/Enable it by/);
    expect(currentPath()).toBe('/');

    act(() => jest.advanceTimersByTime(HOUR_SECONDS * 1000));

    await expectSettingsForTwoFactor(currentPath);
  });

  it('opens the other pages again once a method is verified', async () => {
    const { user, currentPath } = renderApp({
      path: '/',
      mocks: [
        meAnswers(ALICE),
        totpSetUpStarted(),
        answers(
          VerifyTwoFactorDocument,
          { code: '123456' },
          {
            __typename: 'Mutation',
            verifyTwoFactor: {
              __typename: 'VerifyTwoFactorPayload',
              message: 'Code successfully verified. 2FA method will be set to TOTP',
              recoveryCodes: RECOVERY_CODES,
              settings: settingsWith({ ...TOTP_ON, required: true }),
            },
          },
        ),
      ],
      twoFactor: OVERDUE,
    });
    await expectSettingsForTwoFactor(currentPath);

    const totp = (await screen.findByRole('heading', { level: 2, name: 'TOTP' })).closest('li') as HTMLElement;
    await user.click(within(totp).getByRole('button', { name: 'Enable' }));
    await screen.findByRole('img', { name: /QR code/ });
    await user.type(screen.getByLabelText(/^Code from the app/), '123456');
    await user.click(screen.getByRole('button', { name: 'Check Code' }));
    await screen.findByRole('list', { name: 'Recovery codes' });
    await user.click(screen.getByRole('link', { name: 'HostKey' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to HostKey' })).toBeInTheDocument();
    expect(currentPath()).toBe('/');
  });

  it('explains a refusal for want of 2FA on the page that meets it', async () => {
    // Cached settings that say 2FA is on (support reset it since) are left alone: the page tells what to do.
    renderApp({ path: '/settings/security-log', mocks: [meAnswers(ALICE), securityLogRefused()], twoFactor: TOTP_ON });

    await expectAlertToSay('This server requires two-factor authentication for your account: enable it under Settings for 2FA to go on.');
    expect(screen.getByRole('link', { name: 'Settings for 2FA' })).toHaveAttribute('href', '/settings/2fa');
  });
});

function totpSetUpStarted() {
  return answers(
    EnableTwoFactorDocument,
    { input: { method: 'TOTP' } },
    {
      __typename: 'Mutation',
      enableTwoFactor: {
        __typename: 'TotpSetup',
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        otpauthUri: 'otpauth://totp/HostKey:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HostKey',
        qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
        expiresAt: inSeconds(600),
      },
    },
  );
}
