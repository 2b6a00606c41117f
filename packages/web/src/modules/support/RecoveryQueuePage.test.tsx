import { screen, within } from '@testing-library/react';
import {
  AccountRecoveryRequestsDocument,
  DecideAccountRecoveryDocument,
  type RecoveryRequestFieldsFragment,
} from './graphql/support.generated';
import { expectAlertToSay } from '../../../test/expectAlert';
import { ALICE, SETTINGS_OFF, SUPPORT_STAFF, TOTP_ON, answers, graphQLError, meAnswers, refuses } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';
import { formatDateTime } from '../../ui/dateTime';
import { STAFF_ONLY_QUEUE_WORDS } from './RecoveryQueuePage';

const REASON = 'Called back on the number of the invoices';
const request: RecoveryRequestFieldsFragment = {
  __typename: 'AccountRecoveryRequest',
  id: 'recovery-1',
  status: 'PENDING',
  message: 'Lost my phone in a taxi. Call me on +44 7911 123456.',
  createdAt: '2026-03-14T09:26:53.000Z',
  effectiveAt: null,
  waitHours: 72,
  requestIp: '203.0.113.9',
  decidedAt: null,
  decisionReason: null,
  account: {
    __typename: 'RecoveryAccountFacts',
    id: 'user-2',
    email: 'bob@example.com',
    emailVerified: false,
    role: 'CUSTOMER',
    createdAt: '2024-01-02T10:00:00.000Z',
    twoFactorMethod: 'TOTP',
    recentSignIns: [
      {
        __typename: 'RecentSignIn',
        at: '2026-03-10T08:00:00.000Z',
        ip: '198.51.100.4',
        device: 'Firefox on Windows',
        secondFactor: 'CODE',
      },
    ],
  },
};
const approved: RecoveryRequestFieldsFragment = {
  ...request,
  status: 'APPROVED',
  effectiveAt: '2026-03-17T12:00:00.000Z',
  decidedAt: '2026-03-14T12:00:00.000Z',
  decisionReason: REASON,
};
const queue = (status: 'PENDING' | null, requests: RecoveryRequestFieldsFragment[]) =>
  answers(AccountRecoveryRequestsDocument, { status }, { __typename: 'Query', accountRecoveryRequests: requests });
const decide = (approve: boolean) => ({ id: request.id, approve, reason: REASON, proof: '123456' });

function openQueue(mocks: Parameters<typeof renderApp>[0]['mocks'], me = SUPPORT_STAFF, twoFactor = TOTP_ON) {
  return renderApp({ path: '/support/recovery-requests', mocks: [meAnswers(me), ...mocks], twoFactor });
}

describe('Support: recovery requests', () => {
  it('lists pending requests with what helps to decide', async () => {
    openQueue([queue('PENDING', [request])]);

    const item = within(await screen.findByRole('listitem', { name: 'bob@example.com' }));
    expect(item.getByText('Not verified: the owner got no e-mail about this')).toBeInTheDocument();
    expect(item.getByText('IP address 203.0.113.9')).toBeInTheDocument();
    expect(item.getByText(request.message)).toBeInTheDocument();
    expect(item.getByText(/over 2 years old|over a year old/)).toBeInTheDocument();
    expect(item.getByRole('list', { name: 'Recent sign-ins of bob@example.com' })).toHaveTextContent(
      'Firefox on Windows, IP address 198.51.100.4, with a 2FA code',
    );
  });

  it('approves after a confirmation, with a reason and the staff member’s own code', async () => {
    const { user } = openQueue([
      queue('PENDING', [request]),
      answers(DecideAccountRecoveryDocument, decide(true), { __typename: 'Mutation', decideAccountRecovery: approved }),
      queue('PENDING', []),
    ]);
    await user.click(await screen.findByRole('radio', { name: /^Approve/ }));
    await user.type(screen.getByLabelText('Reason'), REASON);
    await user.type(screen.getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(screen.getByText('Approve the recovery of bob@example.com?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes, approve' }));

    expect(await screen.findByText(/^Approved for bob@example.com/)).toHaveTextContent(
      `Approved for bob@example.com: their 2FA is removed on ${formatDateTime(approved.effectiveAt!)} unless the account cancels it first.`,
    );
    expect(await screen.findByText('No request is waiting for a decision.')).toBeInTheDocument();
  });

  it('asks for a decision first, and says when another staff member decided meanwhile', async () => {
    const { user } = openQueue([
      queue('PENDING', [request]),
      refuses(
        DecideAccountRecoveryDocument,
        decide(false),
        graphQLError('BAD_USER_INPUT', { reason: 'RECOVERY_ALREADY_DECIDED', field: 'id' }),
      ),
    ]);
    await user.type(await screen.findByLabelText('Reason'), REASON);
    await user.type(screen.getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Decide' }));
    await expectAlertToSay('Choose whether to approve or deny the request.');
    expect(screen.getByRole('radio', { name: /^Approve/ })).toHaveFocus();

    await user.click(screen.getByRole('radio', { name: /^Deny/ }));
    await user.click(screen.getByRole('button', { name: 'Deny' }));
    await expectAlertToSay('This request was decided or cancelled meanwhile: the list now shows where it stands.');
  });

  it('shows every status when asked, decided ones without a form', async () => {
    const { user } = openQueue([queue('PENDING', []), queue(null, [approved])]);
    expect(await screen.findByText('No request is waiting for a decision.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Show'), 'All');
    const item = within(await screen.findByRole('listitem', { name: 'bob@example.com' }));
    expect(item.getByText(`: ${REASON}`, { exact: false })).toBeInTheDocument();
    expect(item.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('says staff without 2FA of their own to turn it on', async () => {
    openQueue(
      [refuses(AccountRecoveryRequestsDocument, { status: 'PENDING' }, graphQLError('FORBIDDEN', { reason: 'OWN_2FA_REQUIRED' }))],
      SUPPORT_STAFF,
      SETTINGS_OFF,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Turn on 2FA for your own account under Settings for 2FA first: the support tools need it.',
    );
  });

  it('is for staff only', async () => {
    openQueue([], ALICE);
    expect(await screen.findByText(STAFF_ONLY_QUEUE_WORDS)).toBeInTheDocument();
  });
});
