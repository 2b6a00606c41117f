import { useId, useState } from 'react';
import type { CodeSentFieldsFragment } from '../graphql/twoFactor.generated';
import { deadlineFrom } from '../../../ui/countdown';
import { ResendCode } from '../../../ui/ResendCode';
import { StatusMessage } from '../../../ui/StatusMessage';
import type { DescribedError } from '../../errors/describeError';
import { activeMethodOf, useTwoFactorSettings, type ActiveMethod, type TwoFactorSettings } from '../hooks/useTwoFactorSettings';
import { setUpIsOver, useSetUp } from '../hooks/useSetUp';
import { EMAIL_SUBJECT, RESEND_WAIT_MS, SET_UP_MS } from '../methods';
import { CheckCodeForm } from './CheckCodeForm';
import { DestinationForm, type CodeMethod, type Typed } from './DestinationForm';
import { EnrollmentSuccess, type VerifiedPayload } from './EnrollmentSuccess';
import { SetUpOver } from './SetUpOver';
import { LoadFailed } from '../../../ui/LoadFailed';
import { MethodNotOffered, WizardLayout, WizardLoading } from './WizardLayout';

/**
 * A code on its way: where it went (in full as just typed, so a typo shows; masked when the set-up
 * was started before this page), when another may be asked for, when the set-up ends.
 */
interface Sent {
  destination: string;
  resendAt: number | null;
  setUpDeadline: number;
}

type Step =
  { kind: 'destination' } | { kind: 'code'; sent: Sent } | { kind: 'over'; words: string } | { kind: 'done'; result: VerifiedPayload };

/**
 * Mail verification and SMS: where codes should go (with a proof when switching), then the code
 * that was sent there, with resend, then the guide's message and the recovery codes.
 */
export function CodeMethodWizard({ method }: { method: CodeMethod }) {
  const { settings, error, retry } = useTwoFactorSettings();
  return (
    <WizardLayout method={method}>
      {settings && !settings.availableMethods.includes(method) ? (
        <MethodNotOffered />
      ) : settings ? (
        <CodeMethodSteps method={method} active={activeMethodOf(settings)} pending={settings.pending ?? null} />
      ) : error ? (
        <LoadFailed message={error.message} onRetry={retry} />
      ) : (
        <WizardLoading />
      )}
    </WizardLayout>
  );
}

export function EmailWizard() {
  return <CodeMethodWizard method="EMAIL" />;
}

export function SmsWizard() {
  return <CodeMethodWizard method="SMS" />;
}

interface CodeMethodStepsProps {
  method: CodeMethod;
  active: ActiveMethod | null;
  pending: TwoFactorSettings['pending'];
}

function CodeMethodSteps({ method, active, pending }: CodeMethodStepsProps) {
  // A set-up of this method left open (a reload, a visit to another page) goes on at its code.
  const resumable = pending && pending.method === method && pending.maskedDestination ? pending : null;
  const [step, setStep] = useState<Step>(() =>
    resumable
      ? {
          kind: 'code',
          sent: {
            destination: resumable.maskedDestination!,
            resendAt: null,
            setUpDeadline: deadlineFrom(resumable.expiresAt, Date.now(), SET_UP_MS),
          },
        }
      : { kind: 'destination' },
  );
  // One live region for the whole wizard, so "The code was sent…" is heard when the step changes.
  const [notice, setNotice] = useState<string | null>(
    resumable ? `A code was sent to ${resumable.maskedDestination} earlier. Enter it, or ask for a new one.` : null,
  );

  // What was typed last, to start from when coming back to change it.
  const [typed, setTyped] = useState<Typed>({});

  function handleSent(codeSent: CodeSentFieldsFragment, requestedAt: number, destination: string, lastTyped: Typed) {
    setTyped(lastTyped);
    setNotice(codeSent.message);
    setStep({ kind: 'code', sent: sentFrom(codeSent, requestedAt, destination) });
  }

  function restart() {
    setNotice(null);
    setStep({ kind: 'destination' });
  }

  return (
    <>
      {step.kind !== 'done' && <StatusMessage message={notice} />}
      {step.kind === 'destination' && <DestinationForm method={method} active={active} initial={typed} onSent={handleSent} />}
      {step.kind === 'code' && (
        <SentCodeStep
          method={method}
          sent={step.sent}
          onResent={(sent, words) => {
            setNotice(words);
            setStep({ kind: 'code', sent });
          }}
          onChangeDestination={restart}
          onVerified={(result) => setStep({ kind: 'done', result })}
          onSetUpOver={(words) => {
            setNotice(null);
            setStep({ kind: 'over', words });
          }}
        />
      )}
      {step.kind === 'over' && <SetUpOver words={step.words} onRestart={restart} />}
      {step.kind === 'done' && <EnrollmentSuccess result={step.result} />}
    </>
  );
}

function sentFrom(codeSent: CodeSentFieldsFragment, requestedAt: number, destination: string): Sent {
  return {
    destination,
    resendAt: deadlineFrom(codeSent.resendAvailableAt, requestedAt, RESEND_WAIT_MS),
    // A set-up lives as long as its first code (ten minutes each); resends do not extend it.
    setUpDeadline: deadlineFrom(codeSent.expiresAt, requestedAt, SET_UP_MS),
  };
}

interface SentCodeStepProps {
  method: CodeMethod;
  sent: Sent;
  onResent: (sent: Sent, words: string) => void;
  onChangeDestination: () => void;
  onVerified: (result: VerifiedPayload) => void;
  onSetUpOver: (words: string) => void;
}

function SentCodeStep({ method, sent, onResent, onChangeDestination, onVerified, onSetUpOver }: SentCodeStepProps) {
  const { resend, resending } = useSetUp();
  const [resendProblem, setResendProblem] = useState<DescribedError | null>(null);
  const [resendAt, setResendAt] = useState(sent.resendAt);
  const headingId = useId();
  const isEmail = method === 'EMAIL';

  async function handleResend() {
    setResendProblem(null);
    const requestedAt = Date.now();
    const outcome = await resend();
    if (outcome.ok) {
      const next = { ...sentFrom(outcome.value, requestedAt, sent.destination), setUpDeadline: sent.setUpDeadline };
      setResendAt(next.resendAt);
      onResent(next, `A new code was sent to ${sent.destination}.`);
      return;
    }
    if (outcome.error.code === 'CODE_EXPIRED' || setUpIsOver(outcome.error, sent.setUpDeadline)) {
      onSetUpOver(outcome.error.message);
      return;
    }
    if (outcome.error.retryAfterSeconds !== undefined) setResendAt(Date.now() + outcome.error.retryAfterSeconds * 1000);
    setResendProblem(outcome.error);
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Enter the code</h2>
      {isEmail ? (
        <p>
          Enter the verification code from the email with the subject line <strong>{EMAIL_SUBJECT}</strong>, sent to{' '}
          <strong className="breakable">{sent.destination}</strong>. Then click <strong>Verify code</strong>.
        </p>
      ) : (
        <p>
          Enter the code from the SMS sent to <strong className="nowrap">{sent.destination}</strong>. Then click <strong>Check Code</strong>
          .
        </p>
      )}
      <CheckCodeForm
        method={method}
        label={isEmail ? 'Verification code' : 'Code from the SMS'}
        hint="6 digits"
        setUpDeadline={sent.setUpDeadline}
        onVerified={onVerified}
        onSetUpOver={onSetUpOver}
        outsideProblem={resendProblem}
        autoFocus
      />
      <div className="wizard__options">
        <ResendCode availableAt={resendAt} pending={resending} onResend={() => void handleResend()} />
        <button type="button" className="link-button" onClick={onChangeDestination}>
          {isEmail ? 'Use a different e-mail address' : 'Use a different phone number'}
        </button>
      </div>
    </section>
  );
}
