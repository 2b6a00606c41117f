import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DeleteWebhookDocument, WebhookDeliveriesDocument, type WebhookFieldsFragment } from '../graphql/webhooks.generated';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { formatDateTime } from '../../../ui/dateTime';
import { FormAlert } from '../../../ui/FormAlert';
import { LoadFailed } from '../../../ui/LoadFailed';
import { attempt } from '../../errors/attempt';
import { describeError, type DescribedError } from '../../errors/describeError';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';
import { EVENT_WORDS, RECENT_DELIVERIES, STATUS_WORDS, deliveryOutcome } from '../webhookWords';

/** One webhook: where it sends and what, its recent deliveries on request, and Delete with a fresh code. */
export function WebhookItem({ webhook, own }: { webhook: WebhookFieldsFragment; own: ActiveMethod }) {
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const deliveriesId = useId();
  return (
    <li className="webhooks__item stack stack--tight">
      <p className="webhooks__url breakable">
        <strong>{webhook.url}</strong>
      </p>
      <p className="muted">
        {webhook.events.map((event) => EVENT_WORDS[event]).join(' · ')}. Created {formatDateTime(webhook.createdAt)}.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          aria-expanded={showDeliveries}
          aria-controls={deliveriesId}
          onClick={() => setShowDeliveries((shown) => !shown)}
        >
          Recent deliveries
        </button>
        {!deleting && (
          <button type="button" className="button button--danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        )}
      </div>
      <div id={deliveriesId} hidden={!showDeliveries}>
        {showDeliveries && <RecentDeliveries webhookId={webhook.id} />}
      </div>
      {deleting && <DeleteWebhookForm webhook={webhook} own={own} onCancel={() => setDeleting(false)} />}
    </li>
  );
}

function RecentDeliveries({ webhookId }: { webhookId: string }) {
  // Asked afresh each time: attempts go on in the background.
  const { data, error, loading, refetch } = useQuery(WebhookDeliveriesDocument, {
    variables: { webhookId, first: RECENT_DELIVERIES },
    fetchPolicy: 'network-only',
  });
  if (error && !data) return <LoadFailed message={describeError(error).message} onRetry={() => void refetch().catch(() => undefined)} />;
  if (loading && !data) return <p className="muted">Loading deliveries…</p>;
  const deliveries = data?.webhookDeliveries.edges.map((edge) => edge.node) ?? [];
  if (deliveries.length === 0) return <p className="muted">Nothing was sent yet: deliveries appear here once one of its events happens.</p>;
  return (
    <ul className="ruled-list ruled-list--framed" aria-label="Recent deliveries">
      {deliveries.map((delivery) => (
        <li key={delivery.id} className="webhooks__delivery">
          <span className={`badge ${delivery.status === 'SUCCEEDED' ? 'badge--on' : 'badge--off'}`}>{STATUS_WORDS[delivery.status]}</span>{' '}
          <strong>{EVENT_WORDS[delivery.event]}</strong>, {formatDateTime(delivery.createdAt)}
          <br />
          <span className="muted breakable">{deliveryOutcome(delivery)}</span>
        </li>
      ))}
    </ul>
  );
}

function DeleteWebhookForm({ webhook, own, onCancel }: { webhook: WebhookFieldsFragment; own: ActiveMethod; onCancel: () => void }) {
  const [remove] = useMutation(DeleteWebhookDocument, { refetchQueries: ['Webhooks'], awaitRefetchQueries: true });
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const alertId = useId();

  useEffect(() => codeRef.current?.focus(), []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const proof = codeToSend('otpOrRecovery', code);
    if (!proof) {
      setProblem({ message: CODE_PROBLEMS.otpOrRecovery });
      codeRef.current?.focus();
      return;
    }
    setPending(true);
    const outcome = await attempt(async () => (await remove({ variables: { id: webhook.id, proof } })).data?.deleteWebhook);
    setPending(false);
    if (!outcome.ok) {
      setProblem(outcome.error);
      codeRef.current?.focus();
    }
  }

  return (
    <form
      className="attention stack stack--tight"
      noValidate
      onSubmit={handleSubmit}
      aria-busy={pending}
      aria-label={`Delete the webhook to ${webhook.url}`}
    >
      <p>
        <strong>Delete this webhook?</strong> Nothing more is sent to it, and its queued deliveries and log go with it.
      </p>
      <ProofCode
        ref={codeRef}
        active={own}
        value={code}
        onChange={setCode}
        errorId={problem ? alertId : undefined}
        onProblem={setProblem}
      />
      <FormAlert id={alertId} message={problem?.message ?? null} />
      <div className="actions">
        <button type="submit" className="button button--danger" aria-disabled={pending}>
          {pending ? 'Deleting…' : 'Yes, delete it'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
