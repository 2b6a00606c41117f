import { screen, waitFor } from '@testing-library/react';
import { CancelAccountRecoveryDocument } from './graphql/recovery.generated';
import { expectAlertToSay } from '../../../test/expectAlert';
import { ALICE, answers, graphQLError, meAnswers, openRecoveryAnswer, refuses, type OpenRecovery } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';
import { formatDateTime } from '../../ui/dateTime';
import { RECOVERY_CANCELLED_WORDS } from './AccountRecoveryBanner';

const TOKEN = 'B'.repeat(43);
const pending: OpenRecovery = {
  __typename: 'AccountRecoveryRequest',
  id: 'recovery-1',
  status: 'PENDING',
  createdAt: '2026-03-14T09:26:53.000Z',
  effectiveAt: null,
  waitHours: 72,
  requestIp: '203.0.113.9',
};
const approved: OpenRecovery = { ...pending, status: 'APPROVED', effectiveAt: '2026-03-17T12:00:00.000Z' };
const cancelledById = answers(CancelAccountRecoveryDocument, { id: pending.id }, { __typename: 'Mutation', cancelAccountRecovery: true });

describe('the banner of an open account recovery', () => {
  it('tells every signed-in page, and cancels the request with one click', async () => {
    const { user } = renderApp({
      path: '/',
      mocks: [meAnswers(ALICE), openRecoveryAnswer(pending, 1), cancelledById],
      openRecovery: null,
    });

    const banner = await screen.findByRole('region', { name: 'Someone asked support to remove your 2FA' });
    expect(banner).toHaveTextContent('(from IP address 203.0.113.9)');
    expect(banner).toHaveTextContent('Support has not decided yet. If they approve, 2FA is removed 72 hours later unless it is cancelled.');
    await user.click(screen.getByRole('button', { name: 'Cancel the request' }));

    expect(await screen.findByRole('status')).toHaveTextContent(RECOVERY_CANCELLED_WORDS);
    expect(screen.queryByRole('region', { name: 'Someone asked support to remove your 2FA' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'change it now' })).toHaveAttribute('href', '/settings/account');
  });

  it('says when an approved request takes effect', async () => {
    renderApp({ path: '/', mocks: [meAnswers(ALICE)], openRecovery: approved });

    const banner = await screen.findByRole('region', { name: 'Someone asked support to remove your 2FA' });
    expect(banner).toHaveTextContent(
      `Support approved it: unless it is cancelled, 2FA will be removed on ${formatDateTime(approved.effectiveAt!)}.`,
    );
  });

  it('says why a cancellation was refused: the request closed meanwhile', async () => {
    const { user } = renderApp({
      path: '/',
      mocks: [
        meAnswers(ALICE),
        openRecoveryAnswer(pending, 1),
        refuses(CancelAccountRecoveryDocument, { id: pending.id }, graphQLError('BAD_USER_INPUT', { reason: 'RECOVERY_NOT_OPEN' })),
        openRecoveryAnswer(approved, 1),
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel the request' }));
    await expectAlertToSay('This recovery request is no longer open: it was cancelled, denied or completed already.');
  });
});

describe('the link that cancels an account recovery', () => {
  it('cancels only when asked, signed out, takes the token out of the address, and lets other screens know', async () => {
    // After the cancellation the page asks its open queries again, so a signed-in banner updates.
    let askedAgain = false;
    // The page shows before the session check answers; a refetch while that check is still in
    // flight would join it rather than ask again, so the click waits for the first answer.
    let askedFirst = false;
    const meFirst = meAnswers(null);
    const meAgain = meAnswers(null);
    const { user, currentPath } = renderApp({
      path: `/cancel-recovery#token=${TOKEN}`,
      mocks: [
        {
          ...meFirst,
          result: () => {
            askedFirst = true;
            return meFirst.result as { data: Record<string, unknown> };
          },
        },
        answers(CancelAccountRecoveryDocument, { token: TOKEN }, { __typename: 'Mutation', cancelAccountRecovery: true }),
        {
          ...meAgain,
          result: () => {
            askedAgain = true;
            return meAgain.result as { data: Record<string, unknown> };
          },
        },
      ],
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Cancel account recovery' })).toBeInTheDocument();
    expect(currentPath()).toBe('/cancel-recovery');
    await waitFor(() => expect(askedFirst).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Cancel the request' }));

    expect(await screen.findByText(RECOVERY_CANCELLED_WORDS)).toHaveAttribute('role', 'status');
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.queryByRole('button', { name: 'Cancel the request' })).not.toBeInTheDocument();
    await waitFor(() => expect(askedAgain).toBe(true));
  });

  it('says a used link is used', async () => {
    const { user } = renderApp({
      path: `/cancel-recovery#token=${TOKEN}`,
      mocks: [
        meAnswers(null),
        refuses(CancelAccountRecoveryDocument, { token: TOKEN }, graphQLError('INVALID_CODE', { reason: 'LINK_ALREADY_USED' })),
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel the request' }));
    await expectAlertToSay('This link was already used, or a newer one replaced it. Ask for a new one if you still need it.');
  });

  it('says a link without its token is not valid', async () => {
    renderApp({ path: '/cancel-recovery', mocks: [meAnswers(null)] });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid');
  });
});
