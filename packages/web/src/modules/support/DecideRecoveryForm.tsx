import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DecideAccountRecoveryDocument, type RecoveryRequestFieldsFragment } from './graphql/support.generated';
import { formatDateTime } from '../../ui/dateTime';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';
import type { ActiveMethod } from '../two-factor/hooks/useTwoFactorSettings';
import { WithOwnTwoFactor } from '../two-factor/components/WithOwnTwoFactor';
import { REASON_MAX, REASON_MIN, ReasonAndProofFields, checkReasonAndProof } from './StaffProof';

type Decision = 'approve' | 'deny';

interface DecideRecoveryFormProps {
  request: RecoveryRequestFieldsFragment;
  email: string;
  /** Called with what was done once the decision is taken. */
  onDecided: (words: string) => void;
}

/**
 * Approve or deny a recovery request: the decision, a reason the account will read, and a fresh
 * code of the staff member's own 2FA. An approval asks to confirm first, since it removes the
 * account's 2FA once the waiting period is over.
 */
export function DecideRecoveryForm(props: DecideRecoveryFormProps) {
  return <WithOwnTwoFactor task="deciding recovery requests">{(own) => <DecideForm {...props} own={own} />}</WithOwnTwoFactor>;
}

function DecideForm({ request, email, onDecided, own }: DecideRecoveryFormProps & { own: ActiveMethod }) {
  const [decide] = useMutation(DecideAccountRecoveryDocument);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const decisionRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const alertId = useId();
  const groupName = useId();

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function showProblem(found: DescribedError) {
    setProblem(found);
    setConfirming(false);
    const field =
      found.field === 'reason' ? reasonRef.current : found.field === undefined && !decision ? decisionRef.current : codeRef.current;
    queueMicrotask(() => {
      field?.focus();
      if (field instanceof HTMLInputElement && field.type !== 'radio') field.select();
    });
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!decision) return showProblem({ message: 'Choose whether to approve or deny the request.' });
    const checked = checkReasonAndProof(reason, code);
    if ('problem' in checked) return showProblem(checked.problem);
    if (decision === 'approve' && !confirming) {
      setProblem(null);
      setConfirming(true);
      return;
    }
    setPending(true);
    const outcome = await attempt(
      async () =>
        (await decide({ variables: { id: request.id, approve: decision === 'approve', reason: checked.reason, proof: checked.proof } }))
          .data?.decideAccountRecovery,
      'decideRecovery',
    );
    setPending(false);
    if (!outcome.ok) return showProblem(outcome.error);
    const decided = outcome.value;
    onDecided(
      decided.status === 'APPROVED' && decided.effectiveAt
        ? `Approved for ${email}: their 2FA is removed on ${formatDateTime(decided.effectiveAt)} unless the account cancels it first.`
        : `Denied for ${email}: nothing changes on the account.`,
    );
  }

  const choose = (next: Decision) => {
    setDecision(next);
    setConfirming(false);
  };

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <fieldset className="stack stack--tight decision">
        <legend className="field__label">Decision</legend>
        <div className="checkbox-field">
          <input
            ref={decisionRef}
            id={`${groupName}-approve`}
            type="radio"
            name={groupName}
            className="checkbox-field__box"
            checked={decision === 'approve'}
            onChange={() => choose('approve')}
          />
          <label className="checkbox-field__label" htmlFor={`${groupName}-approve`}>
            Approve: remove their 2FA after {request.waitHours} hours, unless the account cancels
          </label>
        </div>
        <div className="checkbox-field">
          <input
            id={`${groupName}-deny`}
            type="radio"
            name={groupName}
            className="checkbox-field__box"
            checked={decision === 'deny'}
            onChange={() => choose('deny')}
          />
          <label className="checkbox-field__label" htmlFor={`${groupName}-deny`}>
            Deny: nothing changes
          </label>
        </div>
      </fieldset>
      <ReasonAndProofFields
        own={own}
        reasonHint={`How you checked who they are, or why not (${REASON_MIN} to ${REASON_MAX} characters). The account sees it in its security log.`}
        reason={reason}
        onReasonChange={(value) => {
          setReason(value);
          if (confirming) setConfirming(false);
        }}
        reasonRef={reasonRef}
        code={code}
        onCodeChange={setCode}
        codeRef={codeRef}
        problem={problem}
        onProblem={setProblem}
        alertId={alertId}
        problemIsElsewhere={!decision}
      />
      {confirming ? (
        <div className="attention stack stack--tight">
          <p ref={confirmRef} tabIndex={-1}>
            <strong>Approve the recovery of {email}?</strong> Their 2FA is removed in {request.waitHours} hours and they are signed out
            everywhere, unless the account cancels the request before.
          </p>
          <div className="actions">
            <button type="submit" className="button button--danger" aria-disabled={pending}>
              {pending ? 'Approving…' : 'Yes, approve'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="submit"
            className={`button ${decision === 'approve' ? 'button--danger' : 'button--primary'}`}
            aria-disabled={pending}
          >
            {pending ? 'Saving…' : decision === 'approve' ? 'Approve' : decision === 'deny' ? 'Deny' : 'Decide'}
          </button>
        </div>
      )}
    </form>
  );
}
