import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CodeSentFieldsFragment, EnableTwoFactorInput } from '../../../generated/graphql';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import { TextField } from '../../../ui/TextField';
import { EMAIL_FORMAT_PROBLEM, looksLikeEmail } from '../../auth/credentialRules';
import { useSignedInUser } from '../../auth/sessionGuards';
import type { DescribedError } from '../../errors/describeError';
import { PHONE_NUMBER_PROBLEM, UNEXPECTED_ERROR_WORDS, type InputField } from '../../errors/errorWords';
import { useTwoFactorSettings, type ActiveMethod } from '../hooks/useTwoFactorSettings';
import { useSetUp } from '../hooks/useSetUp';
import { countryList, guessCountry } from '../phone/countries';
import { ProofCode } from './ProofCode';
import { SwitchNote } from './SwitchNote';

export type CodeMethod = 'EMAIL' | 'SMS';

/** Where the form puts the focus for a problem: the field at fault, or the proof. */
type Spot = 'destination' | 'country' | 'proof' | null;

const MIN_PHONE_DIGITS = 6;

interface DestinationFormProps {
  method: CodeMethod;
  active: ActiveMethod | null;
  onSent: (codeSent: CodeSentFieldsFragment, requestedAt: number) => void;
}

/**
 * Step one of Mail verification and SMS: the address or number the codes go to and, when a
 * method is active already, the proof a switch needs. "Send code" starts the set-up.
 */
export function DestinationForm({ method, active, onSent }: DestinationFormProps) {
  const user = useSignedInUser();
  const { start, starting } = useSetUp();
  const [email, setEmail] = useState(user.email);
  // The server may send SMS codes to some countries only: offer just those.
  const smsCountries = useTwoFactorSettings().settings?.smsCountries ?? null;
  const [country, setCountry] = useState(() => guessCountry(navigator.languages ?? [navigator.language], smsCountries));
  const [phone, setPhone] = useState('');
  const [proof, setProof] = useState('');
  const [problem, setProblem] = useState<{ error: DescribedError; spot: Spot } | null>(null);
  const destinationRef = useRef<HTMLInputElement>(null);
  const countryRef = useRef<HTMLSelectElement>(null);
  const proofRef = useRef<HTMLInputElement>(null);
  const alertId = useId();
  const countryId = useId();
  const countries = useMemo(() => countryList('en', smsCountries), [smsCountries]);
  const isEmail = method === 'EMAIL';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (starting) return;
    const found = check();
    if (found) return show(found);
    const input: EnableTwoFactorInput = isEmail
      ? { method, email: email.trim() }
      : { method, phoneNumber: phone.trim(), phoneCountry: country };
    if (active) input.proof = codeToSend('otpOrRecovery', proof)!;
    // eslint-disable-next-line react-hooks/purity -- an event handler: it runs on submit, never during render
    const requestedAt = Date.now();
    const outcome = await start(input);
    if (!outcome.ok) return show({ error: outcome.error, spot: spotOf(outcome.error) });
    if (outcome.value.__typename !== 'CodeSent') return show({ error: { message: UNEXPECTED_ERROR_WORDS }, spot: null });
    onSent(outcome.value, requestedAt);
  }

  function check(): { error: DescribedError; spot: Spot } | null {
    if (isEmail && !looksLikeEmail(email.trim())) return { error: { message: EMAIL_FORMAT_PROBLEM }, spot: 'destination' };
    if (!isEmail && phone.replace(/\D/g, '').length < MIN_PHONE_DIGITS) {
      return { error: { message: PHONE_NUMBER_PROBLEM }, spot: 'destination' };
    }
    if (active && !codeToSend('otpOrRecovery', proof)) return { error: { message: CODE_PROBLEMS.otpOrRecovery }, spot: 'proof' };
    return null;
  }

  function show(found: { error: DescribedError; spot: Spot }) {
    setProblem(found);
    if (found.spot === 'destination') destinationRef.current?.focus();
    if (found.spot === 'country') countryRef.current?.focus();
    if (found.spot === 'proof') {
      proofRef.current?.focus();
      proofRef.current?.select();
    }
  }

  const errorFor = (spot: Spot) => (problem?.spot === spot ? alertId : undefined);

  return (
    <section className="card stack">
      {active && <SwitchNote active={active} />}
      <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={starting}>
        {isEmail ? (
          <TextField
            ref={destinationRef}
            label="E-mail address"
            hint="The address to receive a confirmation code now, and a code at each sign-in."
            name="email"
            type="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errorId={errorFor('destination')}
          />
        ) : (
          <div className="phone">
            <div className="field phone__country">
              <label className="field__label" htmlFor={countryId}>
                Country
              </label>
              <select
                ref={countryRef}
                id={countryId}
                name="phoneCountry"
                className="field__input"
                autoComplete="country"
                value={country}
                onChange={(event) => setCountry(event.target.value)}
                aria-invalid={errorFor('country') ? true : undefined}
                aria-describedby={errorFor('country')}
              >
                {countries.map(({ code, name, callingCode }) => (
                  <option key={code} value={code}>
                    {name} (+{callingCode})
                  </option>
                ))}
              </select>
            </div>
            <TextField
              ref={destinationRef}
              label="Mobile phone number"
              hint="For example 07911 123456, or +44 7911 123456 in international form."
              name="phoneNumber"
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              required
              value={phone}
              onChange={(event) => setPhone(event.target.value)}
              errorId={errorFor('destination')}
            />
          </div>
        )}
        {active && (
          <ProofCode
            ref={proofRef}
            active={active}
            value={proof}
            onChange={setProof}
            errorId={errorFor('proof')}
            onProblem={(error) => setProblem(error ? { error, spot: null } : null)}
          />
        )}
        <FormAlert id={alertId} message={problem?.error.message ?? null} />
        <div className="actions">
          <button type="submit" className="button button--primary" aria-disabled={starting}>
            {starting ? 'Sending…' : 'Send code'}
          </button>
        </div>
      </form>
    </section>
  );
}

const FIELD_SPOTS: Partial<Record<InputField, Spot>> = {
  email: 'destination',
  phoneNumber: 'destination',
  phoneCountry: 'country',
  proof: 'proof',
};

/** Which part of the form an API refusal is about. A wrong or old code is always the proof here. */
function spotOf(error: DescribedError): Spot {
  if (error.field) return FIELD_SPOTS[error.field] ?? null;
  if (error.code === 'INVALID_CODE' || error.code === 'CODE_EXPIRED') return 'proof';
  return null;
}
