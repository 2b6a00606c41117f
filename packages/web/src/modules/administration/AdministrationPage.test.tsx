import { screen, waitFor, within } from '@testing-library/react';
import { PolicyDocument, SetUserRoleDocument, UpdatePolicyDocument, type PolicyFieldsFragment } from './graphql/administration.generated';
import type { SessionUserFragment } from '../auth/graphql/session.generated';
import type { PolicyInput } from '../../generated/graphql';
import {
  ALICE,
  SETTINGS_OFF,
  SUPPORT_STAFF,
  TOTP_ON,
  answers,
  graphQLError,
  meAnswers,
  refuses,
  userSummary,
  type Settings,
  searchAnswer,
} from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';
import { CODE_PROBLEMS } from '../../ui/codes';
import { ADMIN_ONLY_WORDS, CONFLICT_WORDS, NOT_SET_UP_HINT } from './administrationWords';

const ADMIN: SessionUserFragment = { __typename: 'User', id: 'admin-1', email: 'ada@hostkey.example', role: 'ADMIN' };
const POLICY: PolicyFieldsFragment = {
  __typename: 'Policy',
  version: 3,
  requiredFor: 'NONE',
  graceDays: 14,
  offeredMethods: ['TOTP', 'EMAIL'],
  offerableMethods: ['TOTP', 'WEBAUTHN', 'EMAIL'],
  rememberBrowserDays: 30,
  smsCountries: null,
  updatedAt: '2026-03-14T09:26:53.000Z',
  updatedBy: 'ada@hostkey.example',
};
const BOB = userSummary();

const policyAnswer = (policy: PolicyFieldsFragment = POLICY) => answers(PolicyDocument, {}, { __typename: 'Query', policy });
const input = (changes: Partial<PolicyInput> = {}): PolicyInput => ({
  expectedVersion: POLICY.version,
  requiredFor: POLICY.requiredFor,
  graceDays: POLICY.graceDays,
  offeredMethods: POLICY.offeredMethods,
  rememberBrowserDays: POLICY.rememberBrowserDays,
  smsCountries: null,
  ...changes,
});

type Mocks = Parameters<typeof renderApp>[0]['mocks'];

function openAdministration(mocks: Mocks, { me = ADMIN, twoFactor = TOTP_ON }: { me?: SessionUserFragment; twoFactor?: Settings } = {}) {
  return renderApp({ path: '/admin', mocks: [meAnswers(me), ...mocks], twoFactor });
}

const policyForm = () => screen.getByRole('form', { name: '2FA policy' });

describe('Administration', () => {
  it('is in the user-name menu for admins only', async () => {
    const admin = renderApp({ path: '/', mocks: [meAnswers(ADMIN)] });
    await admin.user.click(await screen.findByRole('button', { name: ADMIN.email }));
    expect(within(screen.getByRole('navigation', { name: 'User menu' })).getByRole('link', { name: 'Administration' })).toHaveAttribute(
      'href',
      '/admin',
    );
    admin.view.unmount();

    for (const me of [ALICE, SUPPORT_STAFF]) {
      const other = renderApp({ path: '/', mocks: [meAnswers(me)] });
      await other.user.click(await screen.findByRole('button', { name: me.email }));
      expect(within(screen.getByRole('navigation', { name: 'User menu' })).queryByRole('link', { name: 'Administration' })).toBeNull();
      other.view.unmount();
    }
  });

  it('tells others it is for administrators, without asking the API', async () => {
    openAdministration([], { me: SUPPORT_STAFF });
    expect(await screen.findByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    expect(screen.getByText(ADMIN_ONLY_WORDS)).toBeInTheDocument();
  });

  it('asks an admin without 2FA to turn it on first', async () => {
    openAdministration([], { twoFactor: SETTINGS_OFF });
    expect(await screen.findByText(/Turn on 2FA for your own account before changing the policy or roles/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save policy' })).not.toBeInTheDocument();
  });

  it('shows the policy as read, with the methods the server cannot deliver disabled', async () => {
    openAdministration([{ ...policyAnswer(), delay: 300 }]);
    expect(await screen.findByText('Loading the policy…')).toBeInTheDocument();
    expect(await screen.findByText(/^Version 3, saved .* by ada@hostkey\.example\.$/)).toBeInTheDocument();
    const form = policyForm();
    expect(within(form).getByRole('radio', { name: 'Nobody: 2FA is offered, not required' })).toBeChecked();
    expect(within(form).getByLabelText('Grace days')).toHaveValue('14');
    expect(within(form).getByLabelText('Remember-browser days')).toHaveValue('30');
    expect(within(form).getByRole('checkbox', { name: 'TOTP' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'Security key or passkey' })).not.toBeChecked();
    const sms = within(form).getByRole('checkbox', { name: /^SMS/ });
    expect(sms).toBeDisabled();
    expect(sms).toHaveAccessibleDescription(NOT_SET_UP_HINT);
    expect(within(form).getByRole('radio', { name: 'Any country' })).toBeChecked();
    expect(within(form).getByLabelText('SMS countries')).toBeDisabled();
  });

  it('saves the policy from the version read, and shows the new version', async () => {
    const saved: PolicyFieldsFragment = {
      ...POLICY,
      version: 4,
      requiredFor: 'STAFF',
      graceDays: 7,
      offeredMethods: ['TOTP', 'WEBAUTHN', 'EMAIL'],
      smsCountries: ['GB', 'DE'],
    };
    const { user } = openAdministration([
      policyAnswer(),
      answers(
        UpdatePolicyDocument,
        {
          input: input({ requiredFor: 'STAFF', graceDays: 7, offeredMethods: ['TOTP', 'WEBAUTHN', 'EMAIL'], smsCountries: ['GB', 'DE'] }),
          proof: '123456',
        },
        { __typename: 'Mutation', updatePolicy: saved },
      ),
    ]);
    await screen.findByText(/^Version 3/);
    const form = policyForm();
    await user.click(within(form).getByRole('radio', { name: 'Staff: support and administrators' }));
    await user.clear(within(form).getByLabelText('Grace days'));
    await user.type(within(form).getByLabelText('Grace days'), '7');
    await user.click(within(form).getByRole('checkbox', { name: 'Security key or passkey' }));
    await user.click(within(form).getByRole('radio', { name: 'Only the countries listed below' }));
    await user.type(within(form).getByLabelText('SMS countries'), 'gb, de');
    await user.type(within(form).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('Policy saved: it is now version 4.')).toHaveAttribute('role', 'status');
    expect(screen.getByText(/^Version 4, saved/)).toBeInTheDocument();
    expect(within(policyForm()).getByLabelText('Grace days')).toHaveValue('7');
    expect(within(policyForm()).getByLabelText('SMS countries')).toHaveValue('GB, DE');
    expect(within(policyForm()).getByLabelText(/^2FA code or recovery code/)).toHaveValue('');
  });

  it('checks the days and the code before asking', async () => {
    const { user } = openAdministration([policyAnswer()]);
    await screen.findByText(/^Version 3/);
    const form = policyForm();
    await user.clear(within(form).getByLabelText('Grace days'));
    await user.type(within(form).getByLabelText('Grace days'), 'a week');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    const grace = within(form).getByLabelText('Grace days');
    await waitFor(() => expect(grace).toHaveFocus());
    expect(grace).toHaveAttribute('aria-invalid', 'true');
    expect(grace).toHaveAccessibleDescription(expect.stringContaining('Enter a number of days from 0 to 365.'));
    expect(within(form).getByLabelText(/^2FA code or recovery code/)).toHaveAccessibleDescription(
      expect.stringContaining(CODE_PROBLEMS.otpOrRecovery),
    );
  });

  it('shows every field the API refused under its own field at once, and focuses the first', async () => {
    const { user } = openAdministration([
      policyAnswer(),
      refuses(
        UpdatePolicyDocument,
        { input: input({ graceDays: 400, smsCountries: ['XX'], offeredMethods: [] }), proof: '123456' },
        graphQLError('BAD_USER_INPUT', {
          reason: 'DAYS_OUT_OF_RANGE',
          field: 'graceDays',
          fields: [
            { field: 'graceDays', reason: 'DAYS_OUT_OF_RANGE', message: 'server words' },
            { field: 'offeredMethods', reason: 'POLICY_NO_METHODS', message: 'server words' },
            { field: 'smsCountries', reason: 'UNKNOWN_COUNTRIES', message: 'server words' },
          ],
        }),
      ),
    ]);
    await screen.findByText(/^Version 3/);
    const form = policyForm();
    await user.clear(within(form).getByLabelText('Grace days'));
    await user.type(within(form).getByLabelText('Grace days'), '400');
    await user.click(within(form).getByRole('checkbox', { name: 'TOTP' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Mail verification' }));
    await user.click(within(form).getByRole('radio', { name: 'Only the countries listed below' }));
    await user.type(within(form).getByLabelText('SMS countries'), 'xx');
    await user.type(within(form).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));

    const grace = within(form).getByLabelText('Grace days');
    await waitFor(() => expect(grace).toHaveFocus());
    expect(grace).toHaveAttribute('aria-invalid', 'true');
    expect(grace).toHaveAccessibleDescription(expect.stringContaining('Enter a number of days from 0 to 365.'));
    expect(within(form).getByRole('group', { name: 'Methods users may set up' })).toHaveAccessibleDescription(
      'Offer at least one 2FA method.',
    );
    const countries = within(form).getByLabelText('SMS countries');
    expect(countries).toHaveAttribute('aria-invalid', 'true');
    expect(countries).toHaveAccessibleDescription(expect.stringContaining('Use two-letter country codes, such as GB, DE or US.'));
    expect(within(form).getByLabelText('Remember-browser days')).not.toHaveAttribute('aria-invalid');
    // Screen readers hear them all at once too.
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Enter a number of days from 0 to 365. Offer at least one 2FA method. Use two-letter country codes',
    );
    expect(screen.queryByText(/Policy saved/)).not.toBeInTheDocument();
  });

  it('says a wrong code at the code field, and the hourly limit in the form’s alert', async () => {
    const { user } = openAdministration([
      policyAnswer(),
      refuses(UpdatePolicyDocument, { input: input(), proof: '111111' }, graphQLError('INVALID_CODE', { reason: 'INVALID_CODE' })),
      refuses(
        UpdatePolicyDocument,
        { input: input(), proof: '222222' },
        graphQLError('TOO_MANY_ATTEMPTS', { reason: 'ADMIN_CHANGE_LIMIT', retryAfterSeconds: 1200, limit: 20 }),
      ),
    ]);
    await screen.findByText(/^Version 3/);
    const form = policyForm();
    const code = within(form).getByLabelText(/^2FA code or recovery code/);
    await user.type(code, '111111');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(code).toHaveFocus());
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(
      expect.stringContaining('That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.'),
    );

    await user.clear(code);
    await user.type(code, '222222');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    await waitFor(() =>
      expect(within(form).getByRole('alert')).toHaveTextContent('At most 20 administrative changes an hour. Try again in 20 minutes.'),
    );
    expect(code).not.toHaveAttribute('aria-invalid');
  });

  it('says a version conflict was not saved, and reloads the policy on request', async () => {
    const theirs: PolicyFieldsFragment = { ...POLICY, version: 4, graceDays: 3, updatedBy: 'eve@hostkey.example' };
    const { user } = openAdministration([
      policyAnswer(),
      refuses(
        UpdatePolicyDocument,
        { input: input({ graceDays: 7 }), proof: '123456' },
        graphQLError('BAD_USER_INPUT', {
          reason: 'POLICY_VERSION_CONFLICT',
          field: 'expectedVersion',
          currentVersion: 4,
          fields: [{ field: 'expectedVersion', reason: 'POLICY_VERSION_CONFLICT', message: 'server words' }],
        }),
      ),
      policyAnswer(theirs),
    ]);
    await screen.findByText(/^Version 3/);
    const form = policyForm();
    await user.clear(within(form).getByLabelText('Grace days'));
    await user.type(within(form).getByLabelText('Grace days'), '7');
    await user.type(within(form).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));

    const conflict = await within(form).findByText(CONFLICT_WORDS);
    expect(conflict.closest('[role="alert"]')).toHaveFocus();
    // What the admin typed stays until they choose to reload.
    expect(within(form).getByLabelText('Grace days')).toHaveValue('7');
    await user.click(within(form).getByRole('button', { name: 'Reload the policy' }));

    expect(await screen.findByText('Policy reloaded: version 4. Make your change again and save it.')).toHaveAttribute('role', 'status');
    expect(screen.getByText(/^Version 4, saved .* by eve@hostkey\.example\.$/)).toBeInTheDocument();
    expect(within(policyForm()).getByLabelText('Grace days')).toHaveValue('3');
    expect(screen.queryByText(CONFLICT_WORDS)).not.toBeInTheDocument();
  });

  it('finds an account and changes its role with a fresh code', async () => {
    const { user } = openAdministration([
      policyAnswer(),
      searchAnswer('bob', [BOB]),
      answers(
        SetUserRoleDocument,
        { userId: BOB.id, role: 'SUPPORT', proof: '123456' },
        { __typename: 'Mutation', setUserRole: { ...BOB, role: 'SUPPORT' } },
      ),
    ]);
    await user.type(await screen.findByLabelText('E-mail address or part of it'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Find accounts' }));
    const found = await screen.findByRole('list', { name: 'Accounts found' });
    expect(found).toHaveTextContent('Customer');
    await user.click(within(found).getByRole('button', { name: BOB.email }));

    const form = await screen.findByRole('form', { name: `Role of ${BOB.email}` });
    expect(screen.getByRole('heading', { level: 3, name: BOB.email })).toHaveFocus();
    expect(within(form).getByRole('radio', { name: 'Customer' })).toBeChecked();
    await user.click(within(form).getByRole('radio', { name: 'Support' }));
    await user.click(within(form).getByRole('button', { name: 'Change role' }));
    expect(within(form).getByRole('alert')).toHaveTextContent(CODE_PROBLEMS.otpOrRecovery);

    await user.type(within(form).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(form).getByRole('button', { name: 'Change role' }));
    expect(await screen.findByText(`${BOB.email} is now Support.`)).toHaveAttribute('role', 'status');
    expect(screen.getByText(/^Role now:/).parentElement).toHaveTextContent('Role now: Support');
    expect(within(found).getByRole('listitem')).toHaveTextContent('Support');
  });

  it('shows more accounts a page at a time, as support’s search does', async () => {
    const carol = userSummary({ id: 'user-3', email: 'bob.carol@example.com', role: 'SUPPORT' });
    const { user } = openAdministration([
      policyAnswer(),
      searchAnswer('bob', [BOB], { hasNextPage: true }),
      searchAnswer('bob', [carol], { after: `cursor-${BOB.id}` }),
    ]);
    await user.type(await screen.findByLabelText('E-mail address or part of it'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Find accounts' }));
    expect(await screen.findByText('The newest account found is shown; there are more.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show more accounts' }));
    const found = screen.getByRole('list', { name: 'Accounts found' });
    expect(await within(found).findByRole('button', { name: carol.email })).toBeInTheDocument();
    expect(
      within(found)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([`${BOB.email}Customer`, `${carol.email}Support`]);
    expect(screen.getByText('2 accounts found.')).toBeInTheDocument();
  });

  it('says why the last administrator cannot be demoted', async () => {
    const me = userSummary({ id: ADMIN.id, email: ADMIN.email, role: 'ADMIN' });
    const { user } = openAdministration([
      policyAnswer(),
      searchAnswer('ada', [me]),
      refuses(
        SetUserRoleDocument,
        { userId: me.id, role: 'CUSTOMER', proof: '123456' },
        graphQLError('FORBIDDEN', { reason: 'LAST_ADMIN' }),
      ),
    ]);
    await user.type(await screen.findByLabelText('E-mail address or part of it'), 'ada');
    await user.click(screen.getByRole('button', { name: 'Find accounts' }));
    await user.click(within(await screen.findByRole('list', { name: 'Accounts found' })).getByRole('button', { name: me.email }));
    const form = await screen.findByRole('form', { name: `Role of ${me.email}` });
    expect(screen.getByText(/your own account/)).toBeInTheDocument();
    await user.click(within(form).getByRole('radio', { name: 'Customer' }));
    await user.type(within(form).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(form).getByRole('button', { name: 'Change role' }));
    await waitFor(() =>
      expect(within(form).getByRole('alert')).toHaveTextContent(
        'This is the last administrator: make another account an administrator first.',
      ),
    );
    expect(screen.getByText(/^Role now:/).parentElement).toHaveTextContent('Role now: Administrator');
  });
});
