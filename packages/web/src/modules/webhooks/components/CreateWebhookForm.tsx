import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { CreateWebhookDocument, type WebhookFieldsFragment } from '../graphql/webhooks.generated';
import type { WebhookEvent } from '../../../generated/graphql';
import { CheckboxField } from '../../../ui/CheckboxField';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import { TextField } from '../../../ui/TextField';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';
import { EVENT_WORDS, WEBHOOK_EVENTS } from '../webhookWords';

export const URL_PROBLEM = 'Enter the full address of your endpoint, e.g. https://hooks.example.com/latchkey.';
export const EVENTS_PROBLEM = 'Choose at least one event to send.';

interface CreateWebhookFormProps {
  own: ActiveMethod;
  /** Called with the new webhook and its secret, which is shown this once. */
  onCreated: (webhook: WebhookFieldsFragment, secret: string) => void;
}

/** A new webhook: where to send, which events, and a fresh code of the admin's own 2FA. */
export function CreateWebhookForm({ own, onCreated }: CreateWebhookFormProps) {
  const [create] = useMutation(CreateWebhookDocument, { refetchQueries: ['Webhooks'], awaitRefetchQueries: true });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([
    'TWO_FACTOR_ENABLED',
    'TWO_FACTOR_SWITCHED',
    'TWO_FACTOR_DISABLED',
    'TWO_FACTOR_RESET',
  ]);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);
  const eventsRef = useRef<HTMLFieldSetElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const alertId = useId();

  function showProblem(found: DescribedError) {
    setProblem(found);
    const field = found.field === 'url' ? urlRef.current : found.field === 'events' ? eventsRef.current : codeRef.current;
    field?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const address = url.trim();
    if (!/^https?:\/\/\S+$/i.test(address)) return showProblem({ message: URL_PROBLEM, field: 'url' });
    if (events.length === 0) return showProblem({ message: EVENTS_PROBLEM, field: 'events' });
    const proof = codeToSend('otpOrRecovery', code);
    if (!proof) return showProblem({ message: CODE_PROBLEMS.otpOrRecovery });
    setPending(true);
    const outcome = await attempt(async () => (await create({ variables: { url: address, events, proof } })).data?.createWebhook);
    setPending(false);
    if (!outcome.ok) return showProblem(outcome.error);
    setUrl('');
    setCode('');
    setProblem(null);
    onCreated(outcome.value.webhook, outcome.value.secret);
  }

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((chosen) => WEBHOOK_EVENTS.filter((e) => (e === event ? on : chosen.includes(e))));

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending} aria-labelledby={`${alertId}-title`}>
      <h2 id={`${alertId}-title`}>New webhook</h2>
      <TextField
        ref={urlRef}
        label="Endpoint URL"
        hint="Where to POST the events, e.g. https://hooks.example.com/latchkey."
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        errorId={problem?.field === 'url' ? alertId : undefined}
      />
      <fieldset
        className="webhooks__events stack stack--tight"
        ref={eventsRef}
        tabIndex={-1}
        aria-describedby={problem?.field === 'events' ? alertId : undefined}
      >
        <legend>Events to send</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <CheckboxField
            key={event}
            name="events"
            label={EVENT_WORDS[event]}
            checked={events.includes(event)}
            onChange={(on) => toggle(event, on)}
          />
        ))}
      </fieldset>
      <ProofCode
        ref={codeRef}
        active={own}
        value={code}
        onChange={setCode}
        errorId={problem && problem.field !== 'url' && problem.field !== 'events' ? alertId : undefined}
        onProblem={setProblem}
      />
      <FormAlert id={alertId} message={problem?.message ?? null} />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending}>
          {pending ? 'Creating…' : 'Create webhook'}
        </button>
      </div>
    </form>
  );
}
