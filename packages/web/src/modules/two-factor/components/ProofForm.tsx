import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import type { DescribedError } from '../../errors/describeError';
import type { ActiveMethod } from '../hooks/useTwoFactorSettings';
import { ProofCode } from './ProofCode';

interface ProofFormProps {
  active: ActiveMethod;
  /** What the form is for, above the code (e.g. what Disable 2FA will do). */
  children?: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  /** Sends the proof; resolves to the problem to show, or null when done. */
  onSubmit: (proof: string) => Promise<DescribedError | null>;
  onCancel?: () => void;
  danger?: boolean;
}

/** A form that asks for a fresh proof, then does one thing with it (Disable 2FA, new recovery codes, a switch). */
export function ProofForm({ active, children, submitLabel, pendingLabel, onSubmit, onCancel, danger }: ProofFormProps) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const alertId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const proof = codeToSend('otpOrRecovery', code);
    const found = proof ? await send(proof) : { message: CODE_PROBLEMS.otpOrRecovery };
    setProblem(found);
    if (found) {
      codeRef.current?.focus();
      codeRef.current?.select();
    }
  }

  async function send(proof: string): Promise<DescribedError | null> {
    setPending(true);
    try {
      return await onSubmit(proof);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      {children}
      <ProofCode
        ref={codeRef}
        active={active}
        value={code}
        onChange={setCode}
        errorId={problem ? alertId : undefined}
        onProblem={setProblem}
      />
      <FormAlert id={alertId} message={problem?.message ?? null} />
      <div className="actions">
        <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} aria-disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
