import { screen, within } from '@testing-library/react';
import {
  CreateWebhookDocument,
  DeleteWebhookDocument,
  WebhookDeliveriesDocument,
  WebhooksDocument,
  type WebhookDeliveryFieldsFragment,
  type WebhookFieldsFragment,
} from './graphql/webhooks.generated';
import type { SessionUserFragment } from '../auth/graphql/session.generated';
import { ALICE, SETTINGS_OFF, SUPPORT_STAFF, TOTP_ON, answers, graphQLError, meAnswers, refuses, type Settings } from '../../../test/mocks';
import { renderApp } from '../../../test/renderApp';
import { CODE_PROBLEMS } from '../../ui/codes';
import { URL_PROBLEM } from './components/CreateWebhookForm';
import { ADMIN_ONLY_WORDS, RECENT_DELIVERIES, SECRET_ONCE_WORDS } from './webhookWords';

const ADMIN: SessionUserFragment = { __typename: 'User', id: 'admin-1', email: 'ada@hostkey.example', role: 'ADMIN' };
const URL = 'https://hooks.example.com/latchkey';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+2eWM9pTqoY=';
const HOOK: WebhookFieldsFragment = {
  __typename: 'Webhook',
  id: 'hook-1',
  url: URL,
  events: ['TWO_FACTOR_ENABLED', 'TWO_FACTOR_RESET'],
  createdAt: '2026-03-14T09:26:53.000Z',
};
const DEFAULT_EVENTS = ['TWO_FACTOR_ENABLED', 'TWO_FACTOR_SWITCHED', 'TWO_FACTOR_DISABLED', 'TWO_FACTOR_RESET'] as const;

const listAnswer = (webhooks: WebhookFieldsFragment[]) => answers(WebhooksDocument, {}, { __typename: 'Query', webhooks });

function delivery(changes: Partial<WebhookDeliveryFieldsFragment>): WebhookDeliveryFieldsFragment {
  return {
    __typename: 'WebhookDelivery',
    id: 'delivery-1',
    event: 'TWO_FACTOR_ENABLED',
    status: 'SUCCEEDED',
    attempts: 1,
    createdAt: '2026-03-14T10:00:00.000Z',
    nextAttemptAt: null,
    lastAttemptAt: '2026-03-14T10:00:00.000Z',
    lastStatusCode: 200,
    lastDurationMs: 42,
    lastError: null,
    ...changes,
  };
}

type Mocks = Parameters<typeof renderApp>[0]['mocks'];

function openWebhooks(mocks: Mocks, { me = ADMIN, twoFactor = TOTP_ON }: { me?: SessionUserFragment; twoFactor?: Settings } = {}) {
  return renderApp({ path: '/webhooks', mocks: [meAnswers(me), ...mocks], twoFactor });
}

describe('Webhooks', () => {
  it('is in the user-name menu for admins only', async () => {
    const admin = openWebhooks([listAnswer([])]);
    await admin.user.click(await screen.findByRole('button', { name: ADMIN.email }));
    expect(within(screen.getByRole('navigation', { name: 'User menu' })).getByRole('link', { name: 'Webhooks' })).toHaveAttribute(
      'href',
      '/webhooks',
    );
    admin.view.unmount();

    for (const me of [ALICE, SUPPORT_STAFF]) {
      const other = renderApp({ path: '/', mocks: [meAnswers(me)] });
      await other.user.click(await screen.findByRole('button', { name: me.email }));
      expect(within(screen.getByRole('navigation', { name: 'User menu' })).queryByRole('link', { name: 'Webhooks' })).toBeNull();
      other.view.unmount();
    }
  });

  it('tells others it is for administrators, without asking the API', async () => {
    openWebhooks([], { me: SUPPORT_STAFF });
    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
    expect(screen.getByText(ADMIN_ONLY_WORDS)).toBeInTheDocument();
  });

  it('asks an admin without 2FA to turn it on first', async () => {
    openWebhooks([], { twoFactor: SETTINGS_OFF });
    expect(await screen.findByText(/Turn on 2FA for your own account before configuring webhooks/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create webhook' })).not.toBeInTheDocument();
  });

  it('creates a webhook with a code of the admin’s own 2FA, and shows its secret once', async () => {
    const { user } = openWebhooks([
      listAnswer([]),
      answers(
        CreateWebhookDocument,
        { url: URL, events: [...DEFAULT_EVENTS, 'LOCKOUT_STARTED'], proof: '123456' },
        { __typename: 'Mutation', createWebhook: { __typename: 'WebhookCreated', secret: SECRET, webhook: HOOK } },
      ),
      listAnswer([HOOK]),
    ]);
    expect(await screen.findByText('No webhooks yet: nothing is sent.')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Endpoint URL/), URL);
    const events = screen.getByRole('group', { name: 'Events to send' });
    expect(within(events).getAllByRole('checkbox', { checked: true })).toHaveLength(4);
    await user.click(within(events).getByLabelText('2FA checks locked after too many wrong codes'));
    await user.type(screen.getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Create webhook' }));

    const secret = await screen.findByRole('region', { name: 'Signing secret' });
    expect(secret).toHaveFocus();
    expect(secret).toHaveTextContent(SECRET);
    expect(secret).toHaveTextContent(SECRET_ONCE_WORDS);
    expect(within(secret).getByRole('button', { name: 'Copy secret' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Webhooks' });
    expect(list).toHaveTextContent(URL);
    expect(list).toHaveTextContent('2FA turned on · 2FA reset by support');
    expect(screen.getByLabelText(/^Endpoint URL/)).toHaveValue('');

    await user.click(within(secret).getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  });

  it('checks the address, the events and the code before asking, and says the API’s refusal at the field', async () => {
    const { user } = openWebhooks([
      listAnswer([]),
      refuses(
        CreateWebhookDocument,
        { url: 'https://10.0.0.8/hooks', events: [...DEFAULT_EVENTS], proof: '123456' },
        graphQLError('BAD_USER_INPUT', { reason: 'WEBHOOK_URL_PRIVATE', field: 'url' }),
      ),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByText(URL_PROBLEM)).toHaveAttribute('role', 'alert');
    expect(screen.getByLabelText(/^Endpoint URL/)).toHaveFocus();

    await user.type(screen.getByLabelText(/^Endpoint URL/), 'https://10.0.0.8/hooks');
    await user.click(screen.getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByText(CODE_PROBLEMS.otpOrRecovery)).toHaveAttribute('role', 'alert');

    await user.type(screen.getByLabelText(/^2FA code or recovery code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Create webhook' }));
    expect(
      await screen.findByText('This address leads into a private network or to this server: webhooks go to public addresses only here.'),
    ).toHaveAttribute('role', 'alert');
    expect(screen.getByLabelText(/^Endpoint URL/)).toHaveFocus();
    expect(screen.getByLabelText(/^Endpoint URL/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a webhook’s recent deliveries: delivered, and waiting for a retry with why', async () => {
    const { user } = openWebhooks([
      listAnswer([HOOK]),
      answers(
        WebhookDeliveriesDocument,
        { webhookId: HOOK.id, first: RECENT_DELIVERIES },
        {
          __typename: 'Query',
          webhookDeliveries: {
            __typename: 'WebhookDeliveryConnection',
            edges: [
              delivery({
                id: 'delivery-2',
                event: 'TWO_FACTOR_RESET',
                status: 'PENDING',
                lastStatusCode: 500,
                lastError: 'the endpoint answered HTTP 500',
                nextAttemptAt: '2026-03-14T10:05:00.000Z',
              }),
              delivery({}),
            ].map((node) => ({ __typename: 'WebhookDeliveryEdge' as const, cursor: `c-${node.id}`, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c-delivery-1' },
          },
        },
      ),
    ]);
    const toggle = await screen.findByRole('button', { name: 'Recent deliveries' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const [waiting, delivered] = within(await screen.findByRole('list', { name: 'Recent deliveries' })).getAllByRole('listitem');
    expect(waiting).toHaveTextContent('Waiting');
    expect(waiting).toHaveTextContent('2FA reset by support');
    expect(waiting).toHaveTextContent(/1 attempt, HTTP 500 in 42 ms \(the endpoint answered HTTP 500\); next attempt/);
    expect(delivered).toHaveTextContent('Delivered');
    expect(delivered).toHaveTextContent('1 attempt, HTTP 200 in 42 ms');
  });

  it('deletes a webhook with a fresh code, and says a wrong one', async () => {
    const { user } = openWebhooks([
      listAnswer([HOOK]),
      refuses(DeleteWebhookDocument, { id: HOOK.id, proof: '111111' }, graphQLError('INVALID_CODE', { reason: 'INVALID_CODE' })),
      answers(DeleteWebhookDocument, { id: HOOK.id, proof: '123456' }, { __typename: 'Mutation', deleteWebhook: true }),
      listAnswer([]),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const form = screen.getByRole('form', { name: `Delete the webhook to ${URL}` });
    const code = within(form).getByLabelText(/^2FA code or recovery code/);
    expect(code).toHaveFocus();
    await user.type(code, '111111');
    await user.click(within(form).getByRole('button', { name: 'Yes, delete it' }));
    expect(await within(form).findByText(/^That code is not correct/)).toHaveAttribute('role', 'alert');
    await user.clear(code);
    await user.type(code, '123456');
    await user.click(within(form).getByRole('button', { name: 'Yes, delete it' }));
    expect(await screen.findByText('No webhooks yet: nothing is sent.')).toBeInTheDocument();
  });
});
