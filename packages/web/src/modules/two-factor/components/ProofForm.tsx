import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { StartSecurityKeyProofDocument } from '../graphql/twoFactor.generated';
import { CodeField } from '../../../ui/CodeField';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { attempt } from '../../errors/attempt';
import { FormAlert } from '../../../ui/FormAlert';
import { forCodeSource, type DescribedError } from '../../errors/describeError';
import type { ActiveMethod } from '../hooks/useTwoFactorSettings';
import { signWithSecurityKey } from '../securityKey';
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

/**
 * A form that asks for a fresh proof, then does one thing with it (Disable 2FA, new recovery
 * codes, a switch): a code of the active method, its security key (a button that opens the
 * browser's prompt), or a recovery code.
 */
export function ProofForm({ active, children, submitLabel, pendingLabel, onSubmit, onCancel, danger }: ProofFormProps) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const alertId = useId();
  const [startProof] = useMutation(StartSecurityKeyProofDocument);
  const withKey = active.proof === 'SECURITY_KEY';
  const typed: 'recovery' | 'otpOrRecovery' = withKey ? 'recovery' : 'otpOrRecovery';

  async function proveWithKey() {
    if (pending) return;
    setPending(true);
    setProblem(null);
    try {
      const options = await attempt(async () => (await startProof()).data?.startSecurityKeyProof, 'proof');
      if (!options.ok) return setProblem(options.error);
      const answer = await signWithSecurityKey(options.value);
      setProblem(answer.ok ? await onSubmit(answer.json) : answer.error);
    } finally {
      setPending(false);
    }
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const proof = codeToSend(typed, code);
    const refused = proof ? await send(proof) : { message: CODE_PROBLEMS[typed] };
    // What a code refused as already used calls for depends on where it came from.
    const source = proof && /^\d{6}$/.test(proof) ? (active.sendsCodes ? 'sent' : 'authenticator') : 'recovery';
    const found = refused && forCodeSource(refused, source);
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
      {withKey ? (
        <div className="stack stack--tight">
          <p>To confirm it is you, use your security key, or enter one of your recovery codes.</p>
          <p>
            <button type="button" className="button button--primary" aria-disabled={pending} onClick={() => void proveWithKey()}>
              {pending ? pendingLabel : 'Use security key'}
            </button>
          </p>
          <CodeField
            ref={codeRef}
            kind="recovery"
            name="proof"
            label="Or a recovery code"
            hint="Like 7k2m-q9xa-3hfd"
            value={code}
            onChange={setCode}
            errorId={problem ? alertId : undefined}
          />
        </div>
      ) : (
        <ProofCode
          ref={codeRef}
          active={active}
          value={code}
          onChange={setCode}
          errorId={problem ? alertId : undefined}
          onProblem={setProblem}
        />
      )}
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
