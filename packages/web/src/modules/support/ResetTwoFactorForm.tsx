import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ResetTwoFactorDocument, type UserSummaryFieldsFragment } from './graphql/support.generated';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';
import type { ActiveMethod } from '../two-factor/hooks/useTwoFactorSettings';
import { WithOwnTwoFactor } from '../two-factor/components/WithOwnTwoFactor';
import { REASON_MAX, REASON_MIN, ReasonAndProofFields, checkReasonAndProof } from './StaffProof';

export const CONFIRM_WORDS = 'This removes the user’s 2FA and signs them out everywhere.';

interface ResetTwoFactorFormProps {
  user: UserSummaryFieldsFragment;
  /** Called with the API's message once the reset is done. */
  onReset: (message: string) => void;
}

/**
 * Reset 2FA of another account: a reason, then a fresh code of the staff member's OWN 2FA (or one
 * of their recovery codes), then a confirm step, since the user is signed out everywhere.
 */
export function ResetTwoFactorForm(props: ResetTwoFactorFormProps) {
  return <WithOwnTwoFactor task="resetting anyone else’s">{(own) => <ResetForm {...props} own={own} />}</WithOwnTwoFactor>;
}

function ResetForm({ user, onReset, own }: ResetTwoFactorFormProps & { own: ActiveMethod }) {
  const [reset] = useMutation(ResetTwoFactorDocument);
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const alertId = useId();

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function showProblem(found: DescribedError) {
    setProblem(found);
    setConfirming(false);
    const field = found.field === 'reason' ? reasonRef.current : codeRef.current;
    // After the confirm step is gone, so the field is there to take the focus.
    queueMicrotask(() => {
      field?.focus();
      if (field instanceof HTMLInputElement) field.select();
    });
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const checked = checkReasonAndProof(reason, code);
    if ('problem' in checked) return showProblem(checked.problem);
    if (!confirming) {
      setProblem(null);
      setConfirming(true);
      return;
    }
    setPending(true);
    const outcome = await attempt(
      async () => (await reset({ variables: { userId: user.id, reason: checked.reason, code: checked.proof } })).data?.resetTwoFactor,
      'reset',
    );
    setPending(false);
    if (!outcome.ok) return showProblem(outcome.error);
    onReset(outcome.value.message);
  }

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <ReasonAndProofFields
        own={own}
        reasonHint={`Why the 2FA is reset, e.g. how the user proved who they are (${REASON_MIN} to ${REASON_MAX} characters). The user sees it in their security log.`}
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
      />
      {confirming ? (
        <div className="attention stack stack--tight">
          <p ref={confirmRef} tabIndex={-1}>
            <strong>Reset the 2FA of {user.email}?</strong> {CONFIRM_WORDS}
          </p>
          <div className="actions">
            <button type="submit" className="button button--danger" aria-disabled={pending}>
              {pending ? 'Resetting…' : 'Yes, reset 2FA'}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" className="button button--danger">
            Reset 2FA
          </button>
        </div>
      )}
    </form>
  );
}
