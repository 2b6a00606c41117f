import { screen, within } from '@testing-library/react';
import { ResetTwoFactorDocument, UserSecurityLogDocument, UsersDocument } from './graphql/support.generated';
import { CODE_PROBLEMS } from '../../ui/codes';
import {
  ALICE,
  SETTINGS_OFF,
  SUPPORT_STAFF,
  TOTP_ON,
  answers,
  graphQLError,
  meAnswers,
  refuses,
  securityEvent,
  securityLogPage,
  userSummary,
  type Settings,
  searchAnswer,
} from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';
import { SECURITY_LOG_PAGE } from '../security-log/eventWords';
import { CONFIRM_WORDS } from './ResetTwoFactorForm';
import { STAFF_ONLY_WORDS } from './SupportResetPage';

const BOB = userSummary();
const REASON = 'Lost phone; identity checked by a call back';
const RESET_DONE = 'The 2FA of the account was reset. The user was signed out everywhere and told by e-mail.';
const OWN_2FA_REQUIRED = 'Turn on 2FA for your own account before resetting anyone else’s.';
const logVariables = { userId: BOB.id, first: SECURITY_LOG_PAGE };
const enabled = securityEvent('TWO_FACTOR_ENABLED', { method: 'TOTP' });
const resetEvent = securityEvent('TWO_FACTOR_RESET', { detail: REASON, createdAt: '2026-03-15T10:00:00.000Z' });

/** The page has two forms, each with its own alert region: the one that speaks says `words`. */
async function expectAlertToSay(words: string) {
  expect(await screen.findByText(words)).toHaveAttribute('role', 'alert');
}

type Mocks = Parameters<typeof renderApp>[0]['mocks'];

function logAnswer(events = [enabled]) {
  return answers(UserSecurityLogDocument, logVariables, { __typename: 'Query', userSecurityLog: securityLogPage(events) });
}

function resetVariables(code = '123456') {
  return { userId: BOB.id, reason: REASON, code };
}

function openSupport(mocks: Mocks, { twoFactor = TOTP_ON, me = SUPPORT_STAFF }: { twoFactor?: Settings; me?: typeof ALICE } = {}) {
  return renderApp({ path: '/support/2fa-reset', mocks: [meAnswers(me), ...mocks], twoFactor });
}

/** Searches "bob", chooses Bob, and fills the reason and the staff member's own code. */
async function chooseBobAndFill(user: ReturnType<typeof openSupport>['user'], code = '123456') {
  await user.type(await screen.findByLabelText('E-mail address or part of it'), 'bob');
  await user.click(screen.getByRole('button', { name: 'Search' }));
  await user.click(await screen.findByRole('button', { name: BOB.email }));
  await user.type(await screen.findByLabelText('Reason'), REASON);
  await user.type(screen.getByLabelText(/^2FA code or recovery code/), code);
}

describe('Support: reset 2FA', () => {
  it('is in the user-name menu for staff only', async () => {
    const staff = openSupport([]);
    await staff.user.click(await screen.findByRole('button', { name: SUPPORT_STAFF.email }));
    const menu = screen.getByRole('navigation', { name: 'User menu' });
    expect(
      within(menu)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Settings for 2FA', 'Account', 'Security log', 'Support: reset 2FA', 'Support: recovery requests']);
    staff.view.unmount();

    const customer = renderApp({ path: '/', mocks: [meAnswers(ALICE)] });
    await customer.user.click(await screen.findByRole('button', { name: ALICE.email }));
    expect(within(screen.getByRole('navigation', { name: 'User menu' })).queryByRole('link', { name: 'Support: reset 2FA' })).toBeNull();
  });

  it('refuses customers gracefully, without asking the API', async () => {
    openSupport([], { me: ALICE });

    expect(await screen.findByRole('heading', { level: 1, name: 'Support: reset 2FA' })).toBeInTheDocument();
    expect(screen.getByText(STAFF_ONLY_WORDS)).toBeInTheDocument();
    expect(screen.queryByRole('search')).not.toBeInTheDocument();
  });

  it('says the API’s refusal when the search is forbidden', async () => {
    const { user } = openSupport([
      refuses(UsersDocument, { search: 'bob', first: 20 }, graphQLError('FORBIDDEN', { reason: 'ROLE_REQUIRED' })),
    ]);

    await user.type(await screen.findByLabelText('E-mail address or part of it'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    await expectAlertToSay('You do not have permission to do that.');
  });

  it('shows more accounts a page at a time when a search finds many', async () => {
    const carol = userSummary({ id: 'user-3', email: 'bob.carol@example.com' });
    const { user } = openSupport([
      searchAnswer('bob', [BOB], { hasNextPage: true }),
      searchAnswer('bob', [carol], { after: `cursor-${BOB.id}` }),
    ]);

    await user.type(await screen.findByLabelText('E-mail address or part of it'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('The newest account found is shown; there are more.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show more accounts' }));
    expect(await screen.findByRole('button', { name: carol.email })).toBeInTheDocument();
    const results = screen.getByRole('list', { name: 'Accounts found' });
    expect(
      within(results)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('button')!.textContent),
    ).toEqual([BOB.email, carol.email]);
    expect(screen.getByText('2 accounts found.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show more accounts' })).not.toBeInTheDocument();
  });

  it('finds accounts, shows the chosen one’s security log, and says when none match', async () => {
    const { user } = openSupport([searchAnswer('nobody', []), searchAnswer('bob', [BOB]), logAnswer([resetEvent, enabled])]);

    await user.click(await screen.findByRole('button', { name: 'Search' }));
    await expectAlertToSay('Enter part of an e-mail address.');
    await user.type(screen.getByLabelText('E-mail address or part of it'), 'nobody');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('No account’s e-mail address contains “nobody”.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('E-mail address or part of it'));
    await user.type(screen.getByLabelText('E-mail address or part of it'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const results = await screen.findByRole('list', { name: 'Accounts found' });
    expect(results).toHaveTextContent('Customer · 2FA: TOTP');
    expect(screen.getByText('1 account found.')).toBeInTheDocument();

    await user.click(within(results).getByRole('button', { name: BOB.email }));
    expect(await screen.findByRole('heading', { level: 2, name: BOB.email })).toHaveFocus();
    const log = await screen.findByRole('list', { name: `Security log of ${BOB.email}` });
    expect(within(log).getAllByRole('listitem')[0]).toHaveTextContent('2FA reset by support');
    expect(within(log).getAllByRole('listitem')[0]).toHaveTextContent(`Reason: ${REASON}`);
    expect(within(log).getAllByRole('listitem')[1]).toHaveTextContent('2FA turned on (authenticator app)');
  });

  it('resets after a reason, the staff member’s own code and a confirm step, then says the API’s message', async () => {
    const { user } = openSupport([
      searchAnswer('bob', [BOB]),
      logAnswer(),
      answers(ResetTwoFactorDocument, resetVariables(), {
        __typename: 'Mutation',
        resetTwoFactor: { __typename: 'TwoFactorResetPayload', message: RESET_DONE, user: { ...BOB, twoFactorMethod: null } },
      }),
      logAnswer([resetEvent, enabled]),
    ]);

    await chooseBobAndFill(user);
    expect(screen.getByText(`${REASON.length} of 500 characters`)).toBeInTheDocument();
    expect(screen.getByText(/enter the current code from your authenticator app, or one of your recovery codes/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset 2FA' }));

    const confirm = screen.getByText(CONFIRM_WORDS, { exact: false });
    expect(confirm).toHaveTextContent(`Reset the 2FA of ${BOB.email}? ${CONFIRM_WORDS}`);
    expect(confirm).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Yes, reset 2FA' }));

    const outcome = await screen.findByText(RESET_DONE);
    expect(outcome).toHaveAttribute('role', 'status');
    expect(outcome).toHaveFocus();
    expect(screen.getByText(/2FA is off\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset 2FA' })).not.toBeInTheDocument();
    expect(await screen.findByText(`Reason: ${REASON}`)).toBeInTheDocument();
  });

  it('checks the reason and the code before asking to confirm', async () => {
    const { user } = openSupport([searchAnswer('bob', [BOB]), logAnswer()]);

    await user.type(await screen.findByLabelText('E-mail address or part of it'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(await screen.findByRole('button', { name: BOB.email }));
    await user.type(await screen.findByLabelText('Reason'), '  short  ');
    expect(screen.getByText('5 of 500 characters')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset 2FA' }));

    await expectAlertToSay('Give a reason of 10 to 500 characters.');
    expect(screen.getByLabelText('Reason')).toHaveFocus();
    expect(screen.getByLabelText('Reason')).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Reason'), 'but now long enough');
    await user.click(screen.getByRole('button', { name: 'Reset 2FA' }));
    await expectAlertToSay(CODE_PROBLEMS.otpOrRecovery);
    expect(screen.getByLabelText(/^2FA code or recovery code/)).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Yes, reset 2FA' })).not.toBeInTheDocument();
  });

  it.each([
    [
      'INVALID_CODE',
      { reason: 'INVALID_CODE' },
      'That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.',
      'code',
    ],
    [
      'TOO_MANY_ATTEMPTS',
      { reason: 'RESET_LIMIT', retryAfterSeconds: 1740 },
      'At most 10 resets an hour. You can reset again in 29 minutes.',
      'code',
    ],
    [
      'TOO_MANY_ATTEMPTS',
      { reason: 'LOCKED', retryAfterSeconds: 900 },
      'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
      'code',
    ],
    ['BAD_USER_INPUT', { field: 'reason', reason: 'REASON_LENGTH' }, 'Give a reason of 10 to 500 characters.', 'reason'],
    ['BAD_USER_INPUT', { field: 'userId', reason: 'NO_SUCH_USER' }, 'This account no longer exists. Search again.', 'code'],
    [
      'BAD_USER_INPUT',
      { field: 'userId', reason: 'NOTHING_TO_RESET' },
      'This account has no 2FA to reset: it is off, or was reset a moment ago. Search again to see it as it is now.',
      'code',
    ],
  ] as const)('says what %s %j means and goes back to the form', async (code, extensions, words, focused) => {
    const { user } = openSupport([
      searchAnswer('bob', [BOB]),
      logAnswer(),
      refuses(ResetTwoFactorDocument, resetVariables(), graphQLError(code, extensions)),
    ]);

    await chooseBobAndFill(user);
    await user.click(screen.getByRole('button', { name: 'Reset 2FA' }));
    await user.click(screen.getByRole('button', { name: 'Yes, reset 2FA' }));

    await expectAlertToSay(words);
    expect(screen.queryByRole('button', { name: 'Yes, reset 2FA' })).not.toBeInTheDocument();
    const field = focused === 'reason' ? screen.getByLabelText('Reason') : screen.getByLabelText(/^2FA code or recovery code/);
    expect(field).toHaveFocus();
  });

  it('says why a reset was refused, by the API’s reason', async () => {
    const { user } = openSupport([
      searchAnswer('bob', [BOB]),
      logAnswer(),
      refuses(ResetTwoFactorDocument, resetVariables(), {
        message: 'Forbidden.',
        extensions: { code: 'FORBIDDEN', reason: 'OWN_2FA_REQUIRED' },
      }),
    ]);

    await chooseBobAndFill(user);
    await user.click(screen.getByRole('button', { name: 'Reset 2FA' }));
    await user.click(screen.getByRole('button', { name: 'Yes, reset 2FA' }));

    await expectAlertToSay(OWN_2FA_REQUIRED);
  });

  it('asks staff without 2FA to turn it on first, and never offers to reset their own account', async () => {
    const me = userSummary({ id: SUPPORT_STAFF.id, email: SUPPORT_STAFF.email, role: 'SUPPORT' });
    const { user } = openSupport(
      [
        searchAnswer('bob', [BOB]),
        logAnswer(),
        searchAnswer('sam', [me]),
        answers(
          UserSecurityLogDocument,
          { userId: me.id, first: SECURITY_LOG_PAGE },
          { __typename: 'Query', userSecurityLog: securityLogPage([]) },
        ),
      ],
      { twoFactor: SETTINGS_OFF },
    );

    await user.type(await screen.findByLabelText('E-mail address or part of it'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(await screen.findByRole('button', { name: BOB.email }));
    expect(await screen.findByText(/Turn on 2FA for your own account before resetting anyone else’s/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settings for 2FA' })).toHaveAttribute('href', '/settings/2fa');
    expect(screen.queryByLabelText('Reason')).not.toBeInTheDocument();

    await user.clear(screen.getByLabelText('E-mail address or part of it'));
    await user.type(screen.getByLabelText('E-mail address or part of it'), 'sam');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    // The result, not the user-name menu, which has the same name.
    await user.click(
      within(await screen.findByRole('list', { name: 'Accounts found' })).getByRole('button', { name: SUPPORT_STAFF.email }),
    );
    expect(await screen.findByText('You cannot reset your own 2FA: ask another member of support.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing has happened to this account’s 2FA yet.')).toBeInTheDocument();
  });
});
