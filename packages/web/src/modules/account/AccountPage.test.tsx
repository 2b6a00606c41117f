import { screen, waitFor, within } from '@testing-library/react';
import {
  AccountOverviewDocument,
  ActiveSessionsDocument,
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  type ApiTokenFieldsFragment,
  ChangeEmailDocument,
  ChangePasswordDocument,
  RequestEmailVerificationDocument,
  RevokeOtherSessionsDocument,
  RevokeSessionDocument,
  type AccountUserFieldsFragment,
  type ActiveSessionFieldsFragment,
} from './graphql/account.generated';
import type { SessionUserFragment } from '../auth/graphql/session.generated';
import { ALICE, SETTINGS_OFF, TOTP_ON, answers, graphQLError, meAnswers, refuses, type Settings } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';

const VERIFIED: AccountUserFieldsFragment = {
  __typename: 'User',
  id: ALICE.id,
  email: ALICE.email,
  emailVerified: true,
  pendingEmail: null,
};

function session(changes: Partial<ActiveSessionFieldsFragment>): ActiveSessionFieldsFragment {
  return {
    __typename: 'ActiveSession',
    id: '11111111-1111-4111-8111-111111111111',
    device: 'Firefox on Linux',
    ip: '203.0.113.7',
    createdAt: '2026-03-14T09:00:00.000Z',
    lastSeenAt: '2026-03-14T09:26:00.000Z',
    current: true,
    secondFactor: 'NONE',
    secondFactorMethod: null,
    ...changes,
  };
}
const THIS_SESSION = session({});
const PHONE = session({
  id: '22222222-2222-4222-8222-222222222222',
  device: 'Chrome on Android',
  current: false,
  secondFactor: 'CODE',
  secondFactorMethod: 'TOTP',
});

function apiToken(changes: Partial<ApiTokenFieldsFragment>): ApiTokenFieldsFragment {
  return {
    __typename: 'ApiToken',
    id: '44444444-4444-4444-8444-444444444444',
    name: 'nightly export',
    scopes: ['READ'],
    createdAt: '2026-03-14T09:00:00.000Z',
    expiresAt: '2026-06-12T09:00:00.000Z',
    lastUsedAt: null,
    ...changes,
  };
}
const EXPORT = apiToken({});
const DASHBOARD = apiToken({
  id: '55555555-5555-4555-8555-555555555555',
  name: 'dashboard',
  lastUsedAt: '2026-03-15T10:30:00.000Z',
});
const NEW_TOKEN = `lk_${'N'.repeat(43)}`;

/** `apiTokens` answered with each list once in turn, the last one as often as it is asked. */
const tokensAnswers = (lists: ApiTokenFieldsFragment[][]) =>
  lists.map((apiTokens, i) => ({
    ...answers(ApiTokensDocument, undefined, { __typename: 'Query' as const, apiTokens }),
    maxUsageCount: i === lists.length - 1 ? Number.POSITIVE_INFINITY : 1,
  }));

const overview = (me: AccountUserFieldsFragment = VERIFIED) => answers(AccountOverviewDocument, undefined, { __typename: 'Query', me });
const sessionsAnswer = (sessions: ActiveSessionFieldsFragment[]) =>
  answers(ActiveSessionsDocument, undefined, { __typename: 'Query', sessions });

function openAccount({
  me = VERIFIED,
  signedIn = ALICE,
  twoFactor = SETTINGS_OFF,
  sessions = [THIS_SESSION],
  apiTokens = [[]],
  mocks = [],
}: {
  me?: AccountUserFieldsFragment;
  signedIn?: SessionUserFragment;
  twoFactor?: Settings;
  sessions?: ActiveSessionFieldsFragment[];
  /** What `apiTokens` answers, list after list (asked only with 2FA on). */
  apiTokens?: ApiTokenFieldsFragment[][];
  mocks?: Parameters<typeof renderApp>[0]['mocks'];
}) {
  return renderApp({
    path: '/settings/account',
    mocks: [meAnswers(signedIn), overview(me), sessionsAnswer(sessions), ...mocks, ...tokensAnswers(apiTokens)],
    twoFactor,
  });
}

const sectionOf = async (name: string) => (await screen.findByRole('heading', { level: 2, name })).closest('section')!;
/** Waits until the section's alert (or status) region says `words`: each form of the page has its own. */
const says = (section: HTMLElement, role: 'alert' | 'status', words: string) =>
  waitFor(() => expect(within(section).getByRole(role)).toHaveTextContent(words));

describe('the Account page', () => {
  it('is reached from the user menu', async () => {
    const { user, currentPath } = renderApp({ path: '/', mocks: [meAnswers(ALICE), overview(), sessionsAnswer([THIS_SESSION])] });
    await user.click(await screen.findByRole('button', { name: ALICE.email }));
    await user.click(within(screen.getByRole('navigation', { name: 'User menu' })).getByRole('link', { name: 'Account' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Account' })).toHaveFocus();
    expect(currentPath()).toBe('/settings/account');
  });

  describe('e-mail address', () => {
    it('says the address is verified', async () => {
      openAccount({});
      const section = await sectionOf('E-mail address');
      expect(section).toHaveTextContent(`${ALICE.email}Verified`);
      expect(within(section).queryByRole('button', { name: /verification link/ })).not.toBeInTheDocument();
    });

    it('offers a new verification link for an address not verified, and says when one cannot be sent yet', async () => {
      const { user } = openAccount({
        me: { ...VERIFIED, emailVerified: false },
        mocks: [
          refuses(
            RequestEmailVerificationDocument,
            undefined,
            graphQLError('TOO_MANY_ATTEMPTS', { reason: 'RESEND_WAIT', retryAfterSeconds: 42 }),
          ),
          answers(RequestEmailVerificationDocument, undefined, { __typename: 'Mutation', requestEmailVerification: true }),
        ],
      });
      const section = await sectionOf('E-mail address');
      expect(section).toHaveTextContent('Not verified');
      await user.click(within(section).getByRole('button', { name: 'Send a new verification link' }));
      await says(section, 'alert', 'An e-mail was sent a moment ago. You can ask for another in 42 seconds.');
      await user.click(within(section).getByRole('button', { name: 'Send a new verification link' }));
      await says(section, 'status', `A verification link was sent to ${ALICE.email}. It works once, for 24 hours.`);
    });

    it('shows a change waiting for its link', async () => {
      openAccount({ me: { ...VERIFIED, pendingEmail: 'new@example.com' } });
      expect(await sectionOf('E-mail address')).toHaveTextContent(
        `A link was sent to new@example.com. It becomes your address when you open that link; until then, ${ALICE.email} stays in use.`,
      );
    });

    it('changes it without 2FA: the link goes to the new address', async () => {
      const { user } = openAccount({
        mocks: [
          answers(ChangeEmailDocument, { newEmail: 'new@example.com', proof: null }, { __typename: 'Mutation', changeEmail: true }),
          overview({ ...VERIFIED, pendingEmail: 'new@example.com' }),
        ],
      });
      const section = await sectionOf('E-mail address');
      await user.click(within(section).getByRole('button', { name: 'Change e-mail address' }));
      expect(within(section).queryByLabelText('2FA code or recovery code')).not.toBeInTheDocument();
      await user.type(within(section).getByLabelText('New e-mail address'), ' new@example.com ');
      await user.click(within(section).getByRole('button', { name: 'Send confirmation link' }));
      await says(
        section,
        'status',
        `A link was sent to new@example.com. Your address changes when you open it; ${ALICE.email} stays in use until then.`,
      );
      await waitFor(() => expect(section).toHaveTextContent('A link was sent to new@example.com. It becomes your address'));
    });

    it('with 2FA on, asks for a proof before sending anything, and shows a taken address under the field', async () => {
      const { user } = openAccount({
        twoFactor: TOTP_ON,
        mocks: [
          refuses(
            ChangeEmailDocument,
            { newEmail: 'bob@example.com', proof: '123456' },
            graphQLError('BAD_USER_INPUT', { reason: 'EMAIL_TAKEN' }),
          ),
        ],
      });
      const section = await sectionOf('E-mail address');
      await user.click(within(section).getByRole('button', { name: 'Change e-mail address' }));
      await user.type(within(section).getByLabelText('New e-mail address'), 'bob@example.com');
      await user.click(within(section).getByRole('button', { name: 'Send confirmation link' }));
      await says(section, 'alert', 'Enter the 6-digit code, or a recovery code.');
      expect(within(section).getByLabelText('2FA code or recovery code')).toHaveFocus();

      await user.type(within(section).getByLabelText('2FA code or recovery code'), '123456');
      await user.click(within(section).getByRole('button', { name: 'Send confirmation link' }));
      const field = within(section).getByLabelText('New e-mail address');
      await waitFor(() => expect(field).toHaveAccessibleDescription(/Another account already uses this e-mail address./));
      expect(field).toHaveFocus();
    });
  });

  describe('password', () => {
    it('shows a wrong current password under its field, then changes it', async () => {
      const variables = { currentPassword: 'old password', newPassword: 'a brand new passphrase', proof: null };
      const { user } = openAccount({
        mocks: [
          refuses(
            ChangePasswordDocument,
            variables,
            graphQLError('BAD_USER_INPUT', { field: 'currentPassword', reason: 'PASSWORD_INCORRECT' }),
          ),
          answers(ChangePasswordDocument, variables, { __typename: 'Mutation', changePassword: true }),
          sessionsAnswer([THIS_SESSION]),
        ],
      });
      const section = await sectionOf('Password');
      await user.type(within(section).getByLabelText('Current password'), variables.currentPassword);
      await user.type(within(section).getByLabelText('New password'), variables.newPassword);
      await user.click(within(section).getByRole('button', { name: 'Change password' }));
      const current = within(section).getByLabelText('Current password');
      await waitFor(() => expect(current).toHaveAccessibleDescription('Your current password is not correct.'));
      expect(current).toHaveFocus();

      await user.click(within(section).getByRole('button', { name: 'Change password' }));
      await says(section, 'status', 'Your password was changed. Your other sessions were signed out.');
      expect(within(section).getByLabelText('Current password')).toHaveValue('');
    });

    it('checks the new password’s length before asking the API', async () => {
      const { user } = openAccount({});
      const section = await sectionOf('Password');
      await user.type(within(section).getByLabelText('Current password'), 'old password');
      await user.type(within(section).getByLabelText('New password'), 'short');
      await user.click(within(section).getByRole('button', { name: 'Change password' }));
      await waitFor(() =>
        expect(within(section).getByLabelText('New password')).toHaveAccessibleDescription(
          'Use 8 to 256 characters. The password must be 8 to 256 characters long.',
        ),
      );
    });
  });

  describe('sessions', () => {
    it('lists them, this one marked, with how each passed 2FA', async () => {
      openAccount({ sessions: [THIS_SESSION, PHONE] });
      const list = await screen.findByRole('list', { name: 'Signed-in sessions' });
      const [mine, phone] = within(list).getAllByRole('listitem');
      expect(mine).toHaveTextContent('Firefox on Linux');
      expect(within(mine!).getByText('This session')).toBeInTheDocument();
      expect(mine).toHaveTextContent('Password only (2FA was off)');
      expect(within(mine!).queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
      expect(phone).toHaveTextContent('2FA code (authenticator app)');
      expect(within(phone!).getByRole('button', { name: 'Sign out' })).toHaveAccessibleDescription('Chrome on Android');
    });

    it('signs one out, and then everywhere else, saying how many', async () => {
      const tablet = session({ id: '33333333-3333-4333-8333-333333333333', device: 'Safari on iOS', current: false });
      const { user } = openAccount({
        sessions: [THIS_SESSION, PHONE, tablet],
        mocks: [
          answers(RevokeSessionDocument, { id: PHONE.id }, { __typename: 'Mutation', revokeSession: true }),
          sessionsAnswer([THIS_SESSION, tablet]),
          answers(RevokeOtherSessionsDocument, undefined, { __typename: 'Mutation', revokeOtherSessions: 1 }),
          sessionsAnswer([THIS_SESSION]),
        ],
      });
      const section = await sectionOf('Where you’re signed in');
      const phone = within(await within(section).findByRole('list'))
        .getByText('Chrome on Android')
        .closest('li')!;
      await user.click(within(phone).getByRole('button', { name: 'Sign out' }));
      await says(section, 'status', 'The session on Chrome on Android was signed out.');
      await waitFor(() => expect(within(section).queryByText('Chrome on Android')).not.toBeInTheDocument());
      expect(screen.getByRole('heading', { level: 2, name: 'Where you’re signed in' })).toHaveFocus();

      await user.click(within(section).getByRole('button', { name: 'Sign out everywhere else' }));
      await says(section, 'status', 'One other session was signed out.');
      await waitFor(() => expect(within(section).queryByRole('button', { name: 'Sign out everywhere else' })).not.toBeInTheDocument());
    });

    it('says when a session had ended already', async () => {
      const { user } = openAccount({
        sessions: [THIS_SESSION, PHONE],
        mocks: [
          refuses(RevokeSessionDocument, { id: PHONE.id }, graphQLError('BAD_USER_INPUT', { field: 'id', reason: 'NO_SUCH_SESSION' })),
          sessionsAnswer([THIS_SESSION]),
        ],
      });
      const section = await sectionOf('Where you’re signed in');
      await user.click(await within(section).findByRole('button', { name: 'Sign out' }));
      await says(section, 'alert', 'That session has ended already.');
    });
  });

  describe('API tokens', () => {
    it('needs 2FA on: without it, says so and lists nothing', async () => {
      openAccount({});
      const section = await sectionOf('API tokens');
      expect(section).toHaveTextContent('API tokens are only for accounts with two-factor authentication.');
      expect(within(section).getByRole('link', { name: 'Settings for 2FA' })).toHaveAttribute('href', '/settings/2fa');
      expect(within(section).queryByRole('button', { name: 'Create token' })).not.toBeInTheDocument();
    });

    it('lists them with what they read, until when, and their last use', async () => {
      openAccount({ twoFactor: TOTP_ON, apiTokens: [[DASHBOARD, EXPORT]] });
      const list = await screen.findByRole('list', { name: 'API tokens' });
      const [dashboard, nightly] = within(list).getAllByRole('listitem');
      expect(dashboard).toHaveTextContent('dashboard');
      expect(dashboard).toHaveTextContent('Read your account');
      expect(dashboard).toHaveTextContent(/Last used/);
      expect(nightly).toHaveTextContent('Never used');
      expect(within(nightly!).getByRole('button', { name: 'Revoke' })).toHaveAccessibleDescription('nightly export');
    });

    it('creates one with a fresh proof, shows it once with a copy button, and lists it', async () => {
      const variables = { name: 'deploy script', scopes: ['READ' as const], expiresInDays: 30, proof: '123456' };
      const made = apiToken({ id: '66666666-6666-4666-8666-666666666666', name: 'deploy script' });
      const { user } = openAccount({
        twoFactor: TOTP_ON,
        apiTokens: [[EXPORT], [made, EXPORT]],
        mocks: [
          refuses(CreateApiTokenDocument, variables, graphQLError('INVALID_CODE', { reason: 'INVALID_CODE' })),
          answers(
            CreateApiTokenDocument,
            { ...variables, proof: '654321' },
            {
              __typename: 'Mutation',
              createApiToken: { __typename: 'ApiTokenCreated', token: NEW_TOKEN, apiToken: made },
            },
          ),
        ],
      });
      const section = await sectionOf('API tokens');
      await within(section).findByRole('list', { name: 'API tokens' });
      await user.click(within(section).getByRole('button', { name: 'Create token' }));
      const form = within(section).getByRole('form', { name: 'Create an API token' });
      // Customers read their own account only: no choice of scope to make.
      expect(within(form).queryByRole('checkbox')).not.toBeInTheDocument();
      await user.click(within(form).getByRole('button', { name: 'Create token' }));
      expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription(/Give the token a name of 1 to 64 characters/);
      expect(within(form).getByLabelText('Name')).toHaveFocus();

      await user.type(within(form).getByLabelText('Name'), '  deploy script ');
      await user.selectOptions(within(form).getByLabelText('Expires after'), '30 days');
      await user.type(within(form).getByLabelText('2FA code or recovery code'), '123456');
      await user.click(within(form).getByRole('button', { name: 'Create token' }));
      await says(section, 'alert', 'That code is not correct. Enter a current code of your 2FA method, or a recovery code.');
      expect(within(form).getByLabelText('2FA code or recovery code')).toHaveFocus();

      await user.clear(within(form).getByLabelText('2FA code or recovery code'));
      await user.type(within(form).getByLabelText('2FA code or recovery code'), '654321');
      await user.click(within(form).getByRole('button', { name: 'Create token' }));
      const shown = await within(section).findByRole('group', { name: 'Your new token “deploy script”' });
      expect(within(shown).getByRole('heading', { level: 3 })).toHaveFocus();
      expect(shown).toHaveTextContent(NEW_TOKEN);
      expect(shown).toHaveTextContent('it will not be shown again');
      await user.click(within(shown).getByRole('button', { name: 'Copy token' }));
      await waitFor(() => expect(within(shown).getByRole('status')).toHaveTextContent('Copied'));
      await expect(navigator.clipboard.readText()).resolves.toBe(NEW_TOKEN);
      await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(2));

      await user.click(within(shown).getByRole('button', { name: 'Done' }));
      expect(section).not.toHaveTextContent(NEW_TOKEN);
    });

    it('offers staff the support reads, and says why the API refused a token', async () => {
      const staff: SessionUserFragment = { ...ALICE, role: 'SUPPORT' };
      const variables = { name: 'audit', scopes: ['READ' as const, 'SUPPORT_READ' as const], expiresInDays: 90, proof: '123456' };
      const { user } = openAccount({
        signedIn: staff,
        twoFactor: TOTP_ON,
        mocks: [refuses(CreateApiTokenDocument, variables, graphQLError('FORBIDDEN', { reason: 'API_TOKEN_LIMIT', limit: 20 }))],
      });
      const section = await sectionOf('API tokens');
      await user.click(await within(section).findByRole('button', { name: 'Create token' }));
      const scopes = within(section).getByRole('group', { name: 'What it may read' });
      expect(within(scopes).getByRole('checkbox', { name: 'Read your account' })).toBeChecked();
      await user.click(within(scopes).getByRole('checkbox', { name: 'Support reads' }));
      await user.type(within(section).getByLabelText('Name'), 'audit');
      await user.type(within(section).getByLabelText('2FA code or recovery code'), '123456');
      await user.click(within(section).getByRole('button', { name: 'Create token' }));
      await says(section, 'alert', 'You have as many API tokens as an account may hold (20). Revoke one you no longer use first.');
    });

    it('revokes one at once, and says when it had ended already', async () => {
      const { user } = openAccount({
        twoFactor: TOTP_ON,
        apiTokens: [[DASHBOARD, EXPORT], [EXPORT], []],
        mocks: [
          answers(RevokeApiTokenDocument, { id: DASHBOARD.id }, { __typename: 'Mutation', revokeApiToken: true }),
          refuses(RevokeApiTokenDocument, { id: EXPORT.id }, graphQLError('BAD_USER_INPUT', { field: 'id', reason: 'NO_SUCH_API_TOKEN' })),
        ],
      });
      const section = await sectionOf('API tokens');
      const list = await within(section).findByRole('list', { name: 'API tokens' });
      await user.click(within(within(list).getByText('dashboard').closest('li')!).getByRole('button', { name: 'Revoke' }));
      await says(section, 'status', 'The token “dashboard” was revoked: scripts that use it are refused from now on.');
      await waitFor(() => expect(within(section).queryByText('dashboard')).not.toBeInTheDocument());
      expect(screen.getByRole('heading', { level: 2, name: 'API tokens' })).toHaveFocus();

      await user.click(within(section).getByRole('button', { name: 'Revoke' }));
      await says(section, 'alert', 'That token was revoked or has expired already.');
      await waitFor(() => expect(within(section).getByText('You have no API tokens.')).toBeInTheDocument());
    });
  });
});
