import { useEffect, useId, useRef, useState } from 'react';
import { CopyButton } from '../../../ui/CopyButton';
import { deadlineFrom, formatClock, useSecondsLeft } from '../../../ui/countdown';
import { FormAlert } from '../../../ui/FormAlert';
import { SETUP_EXPIRED_WORDS, UNEXPECTED_ERROR_WORDS } from '../../errors/errorWords';
import type { DescribedError } from '../../errors/describeError';
import { activeMethodOf, useTwoFactorSettings, type ActiveMethod } from '../hooks/useTwoFactorSettings';
import { useSetUp, type SetUpStart } from '../hooks/useSetUp';
import { ISSUER_NAME, SET_UP_MS } from '../methods';
import { CheckCodeForm } from './CheckCodeForm';
import { EnrollmentSuccess, type VerifiedPayload } from './EnrollmentSuccess';
import { ProofForm } from './ProofForm';
import { SetUpOver } from './SetUpOver';
import { LoadFailed } from '../../../ui/LoadFailed';
import { SwitchNote } from './SwitchNote';
import { MethodNotOffered, WizardLayout, WizardLoading } from './WizardLayout';

export type TotpSetup = Extract<SetUpStart, { __typename: 'TotpSetup' }>;

type Step =
  | { kind: 'proof' }
  | { kind: 'starting' }
  | { kind: 'startFailed'; error: DescribedError }
  | { kind: 'scan'; setup: TotpSetup; deadline: number }
  | { kind: 'over'; words: string }
  | { kind: 'done'; result: VerifiedPayload };

/**
 * "Click the Enable button next to the TOTP method to scan a QR code": the set-up starts as soon
 * as the page opens (after a proof when another method is active), then shows the QR code, the
 * key for typing in by hand, and the code box with Check Code.
 */
export function TotpWizard() {
  const { settings, error, retry } = useTwoFactorSettings();
  return (
    <WizardLayout method="TOTP">
      {settings && !settings.availableMethods.includes('TOTP') ? (
        <MethodNotOffered />
      ) : settings ? (
        <TotpSteps active={activeMethodOf(settings)} />
      ) : error ? (
        <LoadFailed message={error.message} onRetry={retry} />
      ) : (
        <WizardLoading />
      )}
    </WizardLayout>
  );
}

function TotpSteps({ active }: { active: ActiveMethod | null }) {
  const firstStep: Step = active ? { kind: 'proof' } : { kind: 'starting' };
  const [step, setStep] = useState<Step>(firstStep);
  const { start } = useSetUp();
  // Guards the automatic start against React's development double effects: one set-up per visit.
  const startedRef = useRef(false);

  async function begin(proof?: string): Promise<DescribedError | null> {
    const requestedAt = Date.now();
    const outcome = await start({ method: 'TOTP', proof });
    if (!outcome.ok) return outcome.error;
    if (outcome.value.__typename !== 'TotpSetup') return { message: UNEXPECTED_ERROR_WORDS };
    setStep({ kind: 'scan', setup: outcome.value, deadline: deadlineFrom(outcome.value.expiresAt, requestedAt, SET_UP_MS) });
    return null;
  }

  useEffect(() => {
    if (step.kind !== 'starting' || startedRef.current) return;
    startedRef.current = true;
    void begin().then((error) => error && setStep({ kind: 'startFailed', error }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the step decides when to start; `begin` is new on every render
  }, [step.kind]);

  function restart() {
    startedRef.current = false;
    setStep(firstStep);
  }

  switch (step.kind) {
    case 'proof':
      return (
        <section className="card stack">
          <SwitchNote active={active!} />
          <ProofForm active={active!} submitLabel="Continue" pendingLabel="Checking…" onSubmit={(proof) => begin(proof)} />
        </section>
      );
    case 'starting':
      return <ScanPlaceholder />;
    case 'startFailed':
      return (
        <section className="card stack">
          <FormAlert id="totp-start-problem" message={step.error.message} />
          <div className="actions">
            <button type="button" className="button button--primary" onClick={restart}>
              Try again
            </button>
          </div>
        </section>
      );
    case 'scan':
      return (
        <ScanStep
          setup={step.setup}
          deadline={step.deadline}
          onVerified={(result) => setStep({ kind: 'done', result })}
          onSetUpOver={(words) => setStep({ kind: 'over', words })}
        />
      );
    case 'over':
      return <SetUpOver words={step.words} onRestart={restart} />;
    case 'done':
      return <EnrollmentSuccess result={step.result} />;
  }
}

interface ScanStepProps {
  setup: TotpSetup;
  deadline: number;
  onVerified: (result: VerifiedPayload) => void;
  onSetUpOver: (words: string) => void;
}

function ScanStep({ setup, deadline, onVerified, onSetUpOver }: ScanStepProps) {
  const scanHeadingId = useId();
  const keyHeadingId = useId();
  const codeHeadingId = useId();
  const secondsLeft = useSecondsLeft(deadline) ?? 0;

  useEffect(() => {
    if (secondsLeft === 0) onSetUpOver(SETUP_EXPIRED_WORDS);
  }, [secondsLeft, onSetUpOver]);

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby={scanHeadingId}>
        <h2 id={scanHeadingId}>1. Scan the QR code</h2>
        <p>
          Open your smartphone&apos;s TOTP app: we recommend Google Authenticator or Microsoft Authenticator. Tap the icon in the app and
          choose <strong>Scan QR Code</strong>.
        </p>
        <div className="totp__scan">
          <img
            className="totp__qr"
            src={setup.qrCodeDataUrl}
            width={200}
            height={200}
            alt={`QR code to add ${ISSUER_NAME} to your authenticator app`}
          />
          <div className="stack stack--tight totp__key" role="group" aria-labelledby={keyHeadingId}>
            <h3 id={keyHeadingId}>Cannot scan it?</h3>
            <p>Enter this key in the app instead, as a time-based key:</p>
            <p className="totp__secret">
              <code aria-hidden="true">{groupInFours(setup.secret)}</code>
              <span className="visually-hidden">Key, letter by letter: {spellOut(setup.secret)}</span>
            </p>
            <div className="actions">
              <CopyButton text={setup.secret} label="Copy key" />
            </div>
            <p className="muted">
              On this phone? <a href={setup.otpauthUri}>Open the key in your authenticator app</a>.
            </p>
          </div>
        </div>
      </section>
      <section className="card stack" aria-labelledby={codeHeadingId}>
        <h2 id={codeHeadingId}>2. Enter the code</h2>
        <p>
          A line similar to <strong>{ISSUER_NAME}:</strong> appears in the app, followed by a 6-digit confirmation code that changes over
          time. Enter the code below and click <strong>Check Code</strong>.
        </p>
        <CheckCodeForm
          method="TOTP"
          label="Code from the app"
          hint="6 digits"
          setUpDeadline={deadline}
          onVerified={onVerified}
          onSetUpOver={onSetUpOver}
        />
        <p className="muted">
          Time left to finish: <span className="tabular">{formatClock(secondsLeft)}</span>
        </p>
      </section>
    </div>
  );
}

/** The same frame as the scan step, so nothing jumps when the QR code arrives. */
function ScanPlaceholder() {
  return (
    <section className="card stack" aria-busy="true">
      <h2>1. Scan the QR code</h2>
      <div className="totp__scan">
        <div className="totp__qr totp__qr--placeholder" />
        <p role="status" className="muted">
          Preparing your QR code…
        </p>
      </div>
    </section>
  );
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read and type. */
export function groupInFours(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Read out one character at a time, in groups, so a screen reader does not try to pronounce it. */
function spellOut(secret: string): string {
  return groupInFours(secret)
    .split(' ')
    .map((group) => group.split('').join(' '))
    .join(', ');
}
