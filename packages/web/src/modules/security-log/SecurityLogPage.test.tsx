import { screen, within } from '@testing-library/react';
import { SecurityLogDocument } from './graphql/securityLog.generated';
import { NETWORK_ERROR_WORDS } from '../errors/errorWords';
import { ALICE, answers, cannotReach, graphQLError, meAnswers, refuses, securityEvent, securityLogPage } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';
import { formatDateTime } from '../../ui/dateTime';
import { SECURITY_LOG_PAGE, describeEvent } from './eventWords';

const variables = { first: SECURITY_LOG_PAGE };

function eventsAnswer(events: ReturnType<typeof securityEvent>[], page: { after?: string; hasNextPage?: boolean } = {}) {
  return answers(SecurityLogDocument, page.after ? { ...variables, after: page.after } : variables, {
    __typename: 'Query',
    securityLog: securityLogPage(events, { hasNextPage: page.hasNextPage }),
  });
}

function openLog(mocks: Parameters<typeof renderApp>[0]['mocks']) {
  return renderApp({ path: '/settings/security-log', mocks: [meAnswers(ALICE), ...mocks] });
}

describe('Security log', () => {
  it('lists the events in plain words, newest first, with the time and the IP address', async () => {
    const reset = securityEvent('TWO_FACTOR_RESET', {
      detail: 'Lost phone; identity checked by a call back',
      createdAt: '2026-03-15T10:00:00.000Z',
      ip: '198.51.100.4',
    });
    const enabled = securityEvent('TWO_FACTOR_ENABLED', { method: 'TOTP', createdAt: '2026-03-14T09:26:53.000Z' });
    openLog([eventsAnswer([reset, securityEvent('LOCKOUT_STARTED'), securityEvent('CHALLENGE_FAILED', { method: 'TOTP' }), enabled])]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Security log' })).toBeInTheDocument();
    const log = await screen.findByRole('list', { name: 'Your security log' });
    const entries = within(log).getAllByRole('listitem');
    expect(entries).toHaveLength(4);
    expect(entries[0]).toHaveTextContent('2FA reset by support');
    expect(entries[0]).toHaveTextContent('Reason: Lost phone; identity checked by a call back');
    expect(entries[0]).toHaveTextContent('IP address 198.51.100.4');
    expect(entries[1]).toHaveTextContent('2FA checks locked after too many wrong codes');
    expect(entries[2]).toHaveTextContent('Wrong code at sign-in');
    expect(entries[3]).toHaveTextContent('2FA turned on (authenticator app)');

    const time = entries[3]!.querySelector('time');
    expect(time).toHaveAttribute('dateTime', '2026-03-14T09:26:53.000Z');
    expect(time).toHaveTextContent(formatDateTime('2026-03-14T09:26:53.000Z'));
    expect(screen.getByRole('link', { name: 'Settings for 2FA' })).toHaveAttribute('href', '/settings/2fa');
  });

  it('names the browser of a remembered-browser event, without calling it a reason', async () => {
    openLog([
      eventsAnswer([
        securityEvent('REMEMBERED_BROWSER_COPIED', { detail: 'Firefox on Linux' }),
        securityEvent('REMEMBERED_BROWSER_SIGN_IN', { detail: 'Firefox on Linux' }),
      ]),
    ]);

    const entries = within(await screen.findByRole('list', { name: 'Your security log' })).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent('An old copy of a remembered browser was used (Firefox on Linux), so it is no longer remembered');
    expect(entries[1]).toHaveTextContent('Signed in without a 2FA code from a remembered browser (Firefox on Linux)');
    expect(screen.queryByText(/Reason:/)).not.toBeInTheDocument();
  });

  it('says so when nothing has happened yet', async () => {
    openLog([eventsAnswer([])]);

    expect(await screen.findByText(/Nothing has happened to your 2FA yet/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Your security log' })).not.toBeInTheDocument();
  });

  it('says why the log could not be loaded, and tries again', async () => {
    const { user } = openLog([
      cannotReach(SecurityLogDocument, variables),
      eventsAnswer([securityEvent('CHALLENGE_PASSED', { method: 'SMS' })]),
    ]);

    expect(await screen.findByText(NETWORK_ERROR_WORDS)).toHaveAttribute('role', 'alert');
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByText('Signed in with a 2FA code (codes by SMS)')).toBeInTheDocument();
  });

  it('shows older entries a page at a time, after the ones already shown', async () => {
    const newer = securityEvent('CHALLENGE_PASSED', { method: 'TOTP' });
    const older = securityEvent('TWO_FACTOR_ENABLED', { method: 'TOTP' });
    const { user } = openLog([
      eventsAnswer([newer], { hasNextPage: true }),
      eventsAnswer([older], { after: `cursor-${newer.id}`, hasNextPage: false }),
    ]);

    const log = await screen.findByRole('list', { name: 'Your security log' });
    expect(within(log).getAllByRole('listitem')).toHaveLength(1);
    const button = screen.getByRole('button', { name: 'Show older entries' });
    await user.click(button);
    await screen.findByText('2FA turned on (authenticator app)');
    const entries = within(screen.getByRole('list', { name: 'Your security log' })).getAllByRole('listitem');
    expect(entries.map((entry) => entry.querySelector('.security-log__what')!.textContent)).toEqual([
      'Signed in with a 2FA code (authenticator app)',
      '2FA turned on (authenticator app)',
    ]);
    // The oldest entry is shown: nothing more to ask for.
    expect(screen.queryByRole('button', { name: 'Show older entries' })).not.toBeInTheDocument();
  });

  it('says when the session has ended', async () => {
    openLog([refuses(SecurityLogDocument, variables, graphQLError('UNAUTHENTICATED', { reason: 'SESSION_ENDED' }))]);

    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeInTheDocument();
  });

  it('is linked from the user-name menu, below Settings for 2FA and Account, and from Settings for 2FA', async () => {
    const { user, currentPath } = renderApp({ path: '/settings/2fa', mocks: [meAnswers(ALICE), eventsAnswer([])] });

    const settingsLink = await screen.findByRole('link', { name: 'Security log' });
    expect(settingsLink).toHaveAttribute('href', '/settings/security-log');
    await user.click(screen.getByRole('button', { name: ALICE.email }));
    const menu = screen.getByRole('navigation', { name: 'User menu' });
    const names = within(menu)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(names).toEqual(['Settings for 2FA', 'Account', 'Security log']);

    await user.click(within(menu).getByRole('link', { name: 'Security log' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Security log' })).toHaveFocus();
    expect(currentPath()).toBe('/settings/security-log');
  });
});

describe('the words of each security event', () => {
  it.each([
    ['TWO_FACTOR_ENABLED', 'EMAIL', null, '2FA turned on (codes by e-mail)'],
    ['TWO_FACTOR_SWITCHED', 'TOTP', null, '2FA method changed to authenticator app'],
    ['TWO_FACTOR_DISABLED', 'SMS', null, '2FA turned off (codes by SMS)'],
    ['TWO_FACTOR_RESET', null, 'Lost phone', '2FA reset by support'],
    ['CHALLENGE_PASSED', 'TOTP', null, 'Signed in with a 2FA code (authenticator app)'],
    ['CHALLENGE_FAILED', 'TOTP', null, 'Wrong code at sign-in'],
    ['RECOVERY_CODE_USED', null, null, 'Recovery code used to sign in'],
    ['RECOVERY_CODES_REGENERATED', null, null, 'New recovery codes made; the old ones stopped working'],
    ['LOCKOUT_STARTED', null, null, '2FA checks locked after too many wrong codes'],
    ['BROWSER_REMEMBERED', null, 'Firefox on Windows', 'Browser remembered at sign-in (Firefox on Windows)'],
    ['BROWSER_REMEMBERED', null, null, 'Browser remembered at sign-in'],
    ['REMEMBERED_BROWSER_SIGN_IN', null, 'Chrome on Android', 'Signed in without a 2FA code from a remembered browser (Chrome on Android)'],
    ['BROWSER_FORGOTTEN', null, 'Safari on macOS', 'Stopped remembering Safari on macOS'],
    ['BROWSER_FORGOTTEN', null, '3 browsers', 'Stopped remembering 3 browsers'],
    ['BROWSER_FORGOTTEN', null, null, 'Stopped remembering a browser'],
    [
      'REMEMBERED_BROWSER_COPIED',
      null,
      'Edge on Windows',
      'An old copy of a remembered browser was used (Edge on Windows), so it is no longer remembered',
    ],
    ['SUPPORT_SEARCHED', null, 'ann@', 'Searched accounts for “ann@”'],
    ['SUPPORT_READ_LOG', null, null, 'Support read this security log'],
    ['EMAIL_VERIFIED', null, null, 'E-mail address verified'],
    [
      'EMAIL_CHANGE_REQUESTED',
      null,
      'n***@example.com',
      'New e-mail address asked for (n***@example.com); it takes over once its link is opened',
    ],
    ['EMAIL_CHANGED', null, 'o***@example.com → n***@example.com', 'E-mail address changed (o***@example.com → n***@example.com)'],
    ['PASSWORD_RESET_REQUESTED', null, null, 'Password reset link sent'],
    ['PASSWORD_RESET', null, null, 'Password reset with an e-mailed link; every session was signed out'],
    ['PASSWORD_CHANGED', null, null, 'Password changed; the other sessions were signed out'],
    ['SESSION_REVOKED', null, 'Firefox on Windows', 'Signed out a session (Firefox on Windows)'],
    ['NEW_DEVICE_SIGN_IN', null, 'Chrome on Android', 'Signed in from a new device (Chrome on Android)'],
  ] as const)('%s, method %s, detail %s: "%s"', (type, method, detail, words) => {
    expect(describeEvent(securityEvent(type, { method, detail })).what).toBe(words);
  });

  it.each([
    ['CHECK_REFUSED_LOCKED', 1, 'Code refused at sign-in while 2FA checks were locked'],
    ['CHECK_REFUSED_LOCKED', 300, 'Code refused at sign-in while 2FA checks were locked (300 times)'],
    ['CHECK_REFUSED_IP_LIMIT', 1, 'Code refused at sign-in: too many wrong codes came from that network'],
    ['CHECK_REFUSED_IP_LIMIT', 12, 'Code refused at sign-in: too many wrong codes came from that network (12 times)'],
    ['SUPPORT_READ_LOG', 2, 'Support read this security log (2 times)'],
    ['OTHER_SESSIONS_REVOKED', 1, 'Signed out everywhere else (1 session)'],
    ['OTHER_SESSIONS_REVOKED', 3, 'Signed out everywhere else (3 sessions)'],
  ] as const)('%s, counted %s: "%s"', (type, count, words) => {
    expect(describeEvent(securityEvent(type, { count })).what).toBe(words);
  });
});
