import { screen, waitFor, within } from '@testing-library/react';
import { DisableTwoFactorDocument } from '../graphql/twoFactor.generated';
import {
  ForgetRememberedBrowserDocument,
  ForgetRememberedBrowsersDocument,
  RememberedBrowsersDocument,
} from '../graphql/rememberedBrowsers.generated';
import { expectAlertToSay } from '../../../../test/expectAlert';
import {
  ALICE,
  SETTINGS_OFF,
  TOTP_ON,
  answers,
  browsersAnswer,
  cannotReach,
  graphQLError,
  meAnswers,
  refuses,
  rememberedBrowser,
  type Browser,
  type Settings,
} from '../../../../test/mocks';
import { renderApp } from '../../../../test/renderApp';
import { formatDateTime } from '../../../ui/dateTime';

const THIS_ONE = rememberedBrowser({
  id: '11111111-1111-4111-8111-111111111111',
  label: 'Chrome on Linux',
  current: true,
  ip: '198.51.100.4',
  lastUsedAt: '2026-03-15T10:00:00.000Z',
  expiresAt: '2026-04-14T10:00:00.000Z',
});
const LAPTOP = rememberedBrowser({ id: '22222222-2222-4222-8222-222222222222', label: 'Firefox on Windows' });

/**
 * Settings for 2FA with `browsers` listed at first; `after` is what the list says when asked again
 * (after a Forget or a 2FA change).
 */
function openSettings(
  twoFactor: Settings,
  browsers: Browser[],
  after: Browser[] = browsers,
  mocks: Parameters<typeof renderApp>[0]['mocks'] = [],
) {
  return renderApp({
    path: '/settings/2fa',
    mocks: [meAnswers(ALICE), browsersAnswer(browsers, 1), ...mocks],
    twoFactor,
    browsers: after,
  });
}

const section = async () => (await screen.findByRole('heading', { level: 2, name: 'Remembered browsers' })).closest('section')!;
/** Waits until the list has arrived (the section shows first, saying it is loading). */
const listed = () => screen.findByRole('list', { name: 'Remembered browsers' });
const list = () => screen.getByRole('list', { name: 'Remembered browsers' });
const item = (label: string) => within(list()).getByText(label).closest('li')!;

describe('Remembered browsers on Settings for 2FA', () => {
  it('lists each browser with when it was last used, until when it is remembered, and marks this one', async () => {
    openSettings(TOTP_ON, [THIS_ONE, LAPTOP]);

    const entries = within(await listed()).getAllByRole('listitem');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent('Chrome on Linux');
    expect(within(entries[0]!).getByText('This browser')).toBeInTheDocument();
    expect(entries[0]).toHaveTextContent(`Last used ${formatDateTime(THIS_ONE.lastUsedAt)}`);
    expect(entries[0]).toHaveTextContent(`Remembered until ${formatDateTime(THIS_ONE.expiresAt)}`);
    expect(entries[0]).toHaveTextContent('IP address 198.51.100.4');
    expect(entries[0]!.querySelector('time')).toHaveAttribute('dateTime', THIS_ONE.lastUsedAt);
    expect(entries[1]).toHaveTextContent('Firefox on Windows');
    expect(within(entries[1]!).queryByText('This browser')).not.toBeInTheDocument();

    // One Forget per browser, read with the browser's name.
    expect(within(entries[1]!).getByRole('button', { name: 'Forget' })).toHaveAccessibleDescription('Firefox on Windows');
    expect(screen.getByRole('button', { name: 'Forget all browsers' })).toBeInTheDocument();
  });

  it('is there with 2FA on even when no browser is remembered, and says how to remember one', async () => {
    openSettings(TOTP_ON, []);

    expect(await screen.findByText(/No browser is remembered/)).toHaveTextContent(
      'No browser is remembered. When you sign in on a computer of your own, tick “Remember this browser” to skip the code there for a while.',
    );
    expect((await section()).querySelector('ul')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Forget all browsers' })).not.toBeInTheDocument();
  });

  it('is not there with 2FA off and no browser remembered', async () => {
    openSettings(SETTINGS_OFF, []);

    expect(await screen.findByRole('list', { name: '2FA methods' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Remembered browsers' })).not.toBeInTheDocument();
  });

  it('forgets one browser, says so and shows the list again', async () => {
    const { user } = openSettings(
      TOTP_ON,
      [THIS_ONE, LAPTOP],
      [THIS_ONE],
      [answers(ForgetRememberedBrowserDocument, { id: LAPTOP.id }, { __typename: 'Mutation', forgetRememberedBrowser: true })],
    );

    await listed();
    await user.click(within(item('Firefox on Windows')).getByRole('button', { name: 'Forget' }));

    expect(await screen.findByText('Firefox on Windows will need a 2FA code at its next sign-in.')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list()).queryByText('Firefox on Windows')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Remembered browsers' })).toHaveFocus();
  });

  it('says "this browser" when forgetting the one in use', async () => {
    const { user } = openSettings(
      TOTP_ON,
      [THIS_ONE],
      [],
      [answers(ForgetRememberedBrowserDocument, { id: THIS_ONE.id }, { __typename: 'Mutation', forgetRememberedBrowser: true })],
    );

    await listed();
    await user.click(within(item('Chrome on Linux')).getByRole('button', { name: 'Forget' }));

    expect(await screen.findByText('This browser will need a 2FA code at its next sign-in.')).toBeInTheDocument();
    expect(await screen.findByText(/No browser is remembered/)).toBeInTheDocument();
  });

  it('forgets all browsers at once', async () => {
    const { user } = openSettings(
      TOTP_ON,
      [THIS_ONE, LAPTOP],
      [],
      [answers(ForgetRememberedBrowsersDocument, undefined, { __typename: 'Mutation', forgetRememberedBrowsers: 2 })],
    );

    await listed();
    await user.click(screen.getByRole('button', { name: 'Forget all browsers' }));

    expect(await screen.findByText('All 2 browsers will need a 2FA code at their next sign-in.')).toBeInTheDocument();
    expect(await screen.findByText(/No browser is remembered/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Remembered browsers' })).not.toBeInTheDocument();
  });

  it('says when a browser was no longer remembered (BAD_USER_INPUT, field id), and shows the list as it is', async () => {
    const { user } = openSettings(
      TOTP_ON,
      [THIS_ONE, LAPTOP],
      [THIS_ONE],
      [
        refuses(
          ForgetRememberedBrowserDocument,
          { id: LAPTOP.id },
          graphQLError('BAD_USER_INPUT', { field: 'id', reason: 'NO_SUCH_BROWSER' }),
        ),
      ],
    );

    await listed();
    await user.click(within(item('Firefox on Windows')).getByRole('button', { name: 'Forget' }));

    await expectAlertToSay('This browser is not remembered any more.');
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list()).getByText('Chrome on Linux')).toBeInTheDocument();
  });

  it('keeps the list and the focus when the server cannot be reached', async () => {
    const { user } = openSettings(
      TOTP_ON,
      [THIS_ONE, LAPTOP],
      [THIS_ONE, LAPTOP],
      [cannotReach(ForgetRememberedBrowsersDocument, undefined)],
    );

    await listed();
    const forgetAll = screen.getByRole('button', { name: 'Forget all browsers' });
    await user.click(forgetAll);

    await expectAlertToSay('Could not reach the server. Check your connection and try again.');
    expect(within(list()).getAllByRole('listitem')).toHaveLength(2);
    expect(forgetAll).toHaveFocus();
  });

  it('says when the list cannot be loaded, and tries again', async () => {
    const { user } = renderApp({
      path: '/settings/2fa',
      mocks: [meAnswers(ALICE), cannotReach(RememberedBrowsersDocument, undefined)],
      twoFactor: TOTP_ON,
      browsers: [LAPTOP],
    });

    const loadSection = await section();
    expect(await within(loadSection).findByRole('alert')).toHaveTextContent('Could not reach the server.');
    await user.click(within(loadSection).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('list', { name: 'Remembered browsers' })).toHaveTextContent('Firefox on Windows');
  });

  it('asks for the list again after 2FA is turned off, which forgets every browser', async () => {
    const { user } = openSettings(
      TOTP_ON,
      [LAPTOP],
      [],
      [
        answers(
          DisableTwoFactorDocument,
          { code: '123456' },
          {
            __typename: 'Mutation',
            disableTwoFactor: {
              __typename: 'DisableTwoFactorPayload',
              message: 'Your 2FA settings have been successfully deleted.',
              settings: SETTINGS_OFF,
            },
          },
        ),
      ],
    );

    await listed();
    const totp = screen.getByRole('heading', { level: 2, name: 'TOTP' }).closest('li')!;
    await user.click(within(totp).getByRole('button', { name: 'Disable 2FA' }));
    await user.type(within(totp).getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(within(totp).getByRole('button', { name: 'Disable 2FA' }));

    expect(await screen.findByText('Your 2FA settings have been successfully deleted.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Remembered browsers' })).not.toBeInTheDocument());
  });
});
