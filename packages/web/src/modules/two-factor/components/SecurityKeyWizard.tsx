import { useId, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../ui/FormAlert';
import { TextField } from '../../../ui/TextField';
import { UNEXPECTED_ERROR_WORDS } from '../../errors/errorWords';
import type { DescribedError } from '../../errors/describeError';
import { activeMethodOf, useTwoFactorSettings, type ActiveMethod } from '../hooks/useTwoFactorSettings';
import { useSetUp } from '../hooks/useSetUp';
import { registerSecurityKey } from '../securityKey';
import { LoadFailed } from '../../../ui/LoadFailed';
import { EnrollmentSuccess, type VerifiedPayload } from './EnrollmentSuccess';
import { ProofForm } from './ProofForm';
import { SwitchNote } from './SwitchNote';
import { MethodNotOffered, WizardLayout, WizardLoading } from './WizardLayout';

const MAX_KEY_NAME_LENGTH = 64;
const KEY_NAME_PROBLEM = 'Give the security key a name, e.g. "YubiKey on my keyring".';

/**
 * "Security key or passkey": a name for the key, Enable, the browser's own prompt (touch the key,
 * or unlock the passkey), then the message that the key is registered. With a method already
 * active, a fresh proof of it comes first; with keys already registered, this adds one more.
 */
export function SecurityKeyWizard() {
  const { settings, error, retry } = useTwoFactorSettings();
  return (
    <WizardLayout method="WEBAUTHN">
      {settings && !settings.availableMethods.includes('WEBAUTHN') ? (
        <MethodNotOffered />
      ) : settings ? (
        <SecurityKeySteps active={activeMethodOf(settings)} />
      ) : error ? (
        <LoadFailed message={error.message} onRetry={retry} />
      ) : (
        <WizardLoading />
      )}
    </WizardLayout>
  );
}

function SecurityKeySteps({ active }: { active: ActiveMethod | null }) {
  const [keyName, setKeyName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<VerifiedPayload | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const alertId = useId();
  const { start, verify } = useSetUp();

  /** Starts the set-up, lets the browser register the key, and verifies its answer. */
  async function register(proof?: string): Promise<DescribedError | null> {
    const name = keyName.trim();
    if (!name || [...name].length > MAX_KEY_NAME_LENGTH) {
      setNameProblem(KEY_NAME_PROBLEM);
      nameRef.current?.focus();
      return null;
    }
    setNameProblem(null);
    const started = await start({ method: 'WEBAUTHN', keyName: name, proof });
    if (!started.ok) return started.error;
    if (started.value.__typename !== 'SecurityKeyRegistration') return { message: UNEXPECTED_ERROR_WORDS };
    const answer = await registerSecurityKey(started.value.optionsJSON);
    if (!answer.ok) return answer.error;
    const verified = await verify(answer.json);
    if (!verified.ok) return verified.error;
    setResult(verified.value);
    return null;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    try {
      setProblem(await register());
    } finally {
      setPending(false);
    }
  }

  if (result) return <EnrollmentSuccess result={result} />;

  const nameField = (
    <TextField
      ref={nameRef}
      label="Name of the key"
      hint="So you can tell your keys apart, e.g. YubiKey on my keyring"
      name="keyName"
      autoComplete="off"
      value={keyName}
      onChange={(event) => setKeyName(event.target.value)}
      error={nameProblem}
    />
  );

  if (active) {
    return (
      <section className="card stack">
        {active.method === 'WEBAUTHN' ? (
          <p>Register another security key or passkey beside the ones you have.</p>
        ) : (
          <SwitchNote active={active} />
        )}
        <ProofForm active={active} submitLabel="Enable" pendingLabel="Waiting for your key…" onSubmit={(proof) => register(proof)}>
          {nameField}
        </ProofForm>
      </section>
    );
  }

  return (
    <section className="card stack">
      <p>
        Name the key, click <strong>Enable</strong>, then follow your browser: insert and touch your security key, or unlock the passkey on
        this device or your phone.
      </p>
      <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending}>
        {nameField}
        <FormAlert id={alertId} message={problem?.message ?? null} />
        <div className="actions">
          <button type="submit" className="button button--primary" aria-disabled={pending}>
            {pending ? 'Waiting for your key…' : 'Enable'}
          </button>
        </div>
      </form>
    </section>
  );
}
