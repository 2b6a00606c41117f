import { useMutation } from '@apollo/client/react';
import { useState, type Ref } from 'react';
import { SendTwoFactorProofCodeDocument } from '../graphql/twoFactor.generated';
import { CodeField } from '../../../ui/CodeField';
import { deadlineFrom } from '../../../ui/countdown';
import { ResendCode } from '../../../ui/ResendCode';
import { StatusMessage } from '../../../ui/StatusMessage';
import { attempt } from '../../errors/attempt';
import type { DescribedError } from '../../errors/describeError';
import type { ActiveMethod } from '../hooks/useTwoFactorSettings';
import { METHODS, RESEND_WAIT_MS } from '../methods';

interface ProofCodeProps {
  active: ActiveMethod;
  value: string;
  onChange: (value: string) => void;
  /** Why the code was refused, shown under the field. */
  error?: string | null;
  /** Id of a message elsewhere (the form's alert) explaining why the code was refused. */
  errorId?: string;
  /** Reports a code that could not be sent, in the form's one alert. */
  onProblem: (error: DescribedError | null) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * The fresh proof that switching, Disable 2FA and new recovery codes need: a current code of the
 * active method (an e-mail or SMS method sends one on request) or a recovery code.
 */
export function ProofCode({ active, value, onChange, error, errorId, onProblem, ref }: ProofCodeProps) {
  const [sendCode, { loading }] = useMutation(SendTwoFactorProofCodeDocument);
  const [sent, setSent] = useState<{ message: string; resendAt: number } | null>(null);
  const { sendsCodes } = active;
  const source = METHODS[active.method].codeSource(active.maskedDestination);

  async function send() {
    onProblem(null);
    const sentAt = Date.now();
    const outcome = await attempt(async () => (await sendCode()).data?.sendTwoFactorProofCode, 'sendCode');
    if (!outcome.ok) {
      const wait = outcome.error.retryAfterSeconds;
      if (wait !== undefined && sent) setSent({ ...sent, resendAt: Date.now() + wait * 1000 });
      onProblem(outcome.error);
      return;
    }
    setSent({
      message: outcome.value.message,
      resendAt: deadlineFrom(outcome.value.resendAvailableAt, sentAt, RESEND_WAIT_MS),
    });
  }

  return (
    <div className="stack stack--tight">
      <p>
        {sendsCodes
          ? `To confirm it is you, enter a code ${source}, or one of your recovery codes.`
          : 'To confirm it is you, enter the current code from your authenticator app, or one of your recovery codes.'}
      </p>
      {sendsCodes && (
        <>
          {sent ? (
            <ResendCode availableAt={sent.resendAt} pending={loading} onResend={() => void send()} />
          ) : (
            <p>
              <button type="button" className="button" aria-disabled={loading} onClick={() => !loading && void send()}>
                {loading ? 'Sending…' : `Send a code to ${active.maskedDestination ?? 'my 2FA method'}`}
              </button>
            </p>
          )}
          <StatusMessage message={sent?.message ?? null} />
        </>
      )}
      <CodeField
        ref={ref}
        kind="otpOrRecovery"
        name="proof"
        label="2FA code or recovery code"
        hint={`6 digits ${source}, or a recovery code like 7k2m-q9xa-3hfd`}
        value={value}
        onChange={onChange}
        error={error}
        errorId={errorId}
      />
    </div>
  );
}
