import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type Ref } from 'react';
import type { CodeSentFieldsFragment } from '../graphql/twoFactor.generated';
import type { EnableTwoFactorInput } from '../../../generated/graphql';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { FormAlert } from '../../../ui/FormAlert';
import { TextField } from '../../../ui/TextField';
import { EMAIL_FORMAT_PROBLEM, looksLikeEmail } from '../../auth/credentialRules';
import { useSignedInUser } from '../../auth/sessionGuards';
import type { DescribedError } from '../../errors/describeError';
import { PHONE_NUMBER_PROBLEM, phoneNumberProblemFor, UNEXPECTED_ERROR_WORDS, type InputField } from '../../errors/errorWords';
import { useTwoFactorSettings, type ActiveMethod } from '../hooks/useTwoFactorSettings';
import { useSetUp } from '../hooks/useSetUp';
import { countryList, guessCountry, type Country } from '../phone/countries';
import type { PhoneExample } from '../phone/phoneNumbers';
import { usePhoneNumbers } from '../phone/usePhoneNumbers';
import { ProofCode } from './ProofCode';
import { SwitchNote } from './SwitchNote';

export type CodeMethod = 'EMAIL' | 'SMS';

/** What the user typed, kept when they come back to change it (a typo seen on the code step). */
export interface Typed {
  email?: string;
  phone?: string;
  country?: string;
}

/** Where a problem shows: under the field at fault, or (null) in the form's alert. */
type Spot = 'destination' | 'country' | 'proof' | null;

interface Problem {
  error: DescribedError;
  spot: Spot;
}

type Step = 'proof' | 'destination';

const MIN_PHONE_DIGITS = 6;

interface DestinationFormProps {
  method: CodeMethod;
  active: ActiveMethod | null;
  initial?: Typed;
  /** The code went out: with the address or number as typed, in full, for the code step to show. */
  onSent: (codeSent: CodeSentFieldsFragment, requestedAt: number, destination: string, typed: Typed) => void;
}

/**
 * Step one of Mail verification and SMS: the address or number the codes go to and, when a
 * method is active already, the proof a switch needs. "Send code" starts the set-up. Each step
 * has one action that sends: when the active method sends its codes too, its code is asked for
 * on a step of its own first (Continue), then the new address or number (Send code).
 */
export function DestinationForm({ method, active, initial = {}, onSent }: DestinationFormProps) {
  const user = useSignedInUser();
  const { start, starting } = useSetUp();
  const isEmail = method === 'EMAIL';
  const phoneNumbers = usePhoneNumbers(!isEmail);
  // The server may send SMS codes to some countries only: offer just those.
  const smsCountries = useTwoFactorSettings().settings?.smsCountries ?? null;
  const proofFirst = active !== null && active.sendsCodes;
  const [step, setStep] = useState<Step>(proofFirst ? 'proof' : 'destination');
  const [email, setEmail] = useState(initial.email ?? user.email);
  const [country, setCountry] = useState(() => initial.country ?? guessCountry(navigator.languages ?? [navigator.language], smsCountries));
  const [phone, setPhone] = useState(initial.phone ?? '');
  const [proof, setProof] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  // Focus follows a problem or a new step, once it is on screen (a step may have been hidden).
  const [focusRequest, setFocusRequest] = useState<{ spot: Exclude<Spot, null> } | null>(null);
  const destinationRef = useRef<HTMLInputElement>(null);
  const countryRef = useRef<HTMLSelectElement>(null);
  const proofRef = useRef<HTMLInputElement>(null);
  const proofAlertId = useId();
  const alertId = useId();
  const countries = useMemo(() => countryList('en', smsCountries), [smsCountries]);
  const example = phoneNumbers?.exampleNumber(country) ?? null;

  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.spot === 'country') countryRef.current?.focus();
    if (focusRequest.spot === 'destination') destinationRef.current?.focus();
    if (focusRequest.spot === 'proof') {
      proofRef.current?.focus();
      proofRef.current?.select();
    }
  }, [focusRequest]);

  function handleContinue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Only its shape can be checked here: the API checks the code with the new address or number.
    if (!codeToSend('otpOrRecovery', proof)) return show({ error: { message: CODE_PROBLEMS.otpOrRecovery }, spot: 'proof' });
    setProblem(null);
    setStep('destination');
    setFocusRequest({ spot: 'destination' });
  }

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
    const destination = isEmail ? email.trim() : (phoneNumbers?.typedNumberInFull(phone, country) ?? phone.trim());
    onSent(outcome.value, requestedAt, destination, { email, phone, country });
  }

  function check(): Problem | null {
    if (isEmail && !looksLikeEmail(email.trim())) return { error: { message: EMAIL_FORMAT_PROBLEM }, spot: 'destination' };
    if (!isEmail && phone.replace(/\D/g, '').length < MIN_PHONE_DIGITS) {
      return { error: { message: PHONE_NUMBER_PROBLEM, field: 'phoneNumber' }, spot: 'destination' };
    }
    if (active && !codeToSend('otpOrRecovery', proof)) return { error: { message: CODE_PROBLEMS.otpOrRecovery }, spot: 'proof' };
    return null;
  }

  function show(found: Problem) {
    setProblem(found);
    // A refused proof sends the user back to the step that asks for it.
    if (found.spot === 'proof' && proofFirst) setStep('proof');
    if (found.spot) setFocusRequest({ spot: found.spot });
  }

  const wordsAt = (spot: Spot) => (problem?.spot === spot ? wordsFor(problem.error, isEmail ? null : example) : null);
  const alertWords = problem ? wordsFor(problem.error, isEmail ? null : example) : null;
  const proofStep = proofFirst && active && (
    <form className="stack" noValidate onSubmit={handleContinue} hidden={step !== 'proof'}>
      <ProofCode
        ref={proofRef}
        active={active}
        value={proof}
        onChange={setProof}
        error={wordsAt('proof')}
        onProblem={(error) => setProblem(error ? { error, spot: null } : null)}
      />
      <FormAlert id={proofAlertId} message={step === 'proof' ? alertWords : null} visuallyHidden={problem?.spot !== null} />
      <div className="actions">
        <button type="submit" className="button button--primary">
          Continue
        </button>
      </div>
    </form>
  );

  return (
    <section className="card stack">
      {active && <SwitchNote active={active} />}
      {proofStep}
      <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={starting} hidden={step !== 'destination'}>
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
            error={wordsAt('destination')}
          />
        ) : (
          <PhoneFields
            countries={countries}
            country={country}
            onCountryChange={setCountry}
            countryError={wordsAt('country')}
            countryRef={countryRef}
            phone={phone}
            onPhoneChange={setPhone}
            phoneError={wordsAt('destination')}
            phoneRef={destinationRef}
            example={example}
          />
        )}
        {active && !proofFirst && (
          <ProofCode
            ref={proofRef}
            active={active}
            value={proof}
            onChange={setProof}
            error={wordsAt('proof')}
            onProblem={(error) => setProblem(error ? { error, spot: null } : null)}
          />
        )}
        <FormAlert id={alertId} message={step === 'destination' ? alertWords : null} visuallyHidden={problem?.spot !== null} />
        <div className="actions">
          <button type="submit" className="button button--primary" aria-disabled={starting}>
            {starting ? 'Sending…' : 'Send code'}
          </button>
        </div>
      </form>
    </section>
  );
}

interface PhoneFieldsProps {
  countries: Country[];
  country: string;
  onCountryChange: (country: string) => void;
  countryError: string | null;
  countryRef: Ref<HTMLSelectElement>;
  phone: string;
  onPhoneChange: (phone: string) => void;
  phoneError: string | null;
  phoneRef: Ref<HTMLInputElement>;
  /** A mobile number of the chosen country; null while the examples load or for a region without one. */
  example: PhoneExample | null;
}

/** The country (its calling code beside its name) and the number, with an example of that country. */
function PhoneFields(props: PhoneFieldsProps) {
  const { countries, country, onCountryChange, countryError, countryRef, phone, onPhoneChange, phoneError, phoneRef, example } = props;
  const countryId = useId();
  const countryErrorId = useId();
  return (
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
          onChange={(event) => onCountryChange(event.target.value)}
          aria-invalid={countryError ? true : undefined}
          aria-describedby={countryError ? countryErrorId : undefined}
        >
          {countries.map(({ code, name, callingCode }) => (
            <option key={code} value={code}>
              {name} (+{callingCode})
            </option>
          ))}
        </select>
        {countryError && (
          <p className="field__error" id={countryErrorId}>
            {countryError}
          </p>
        )}
      </div>
      <TextField
        ref={phoneRef}
        label="Mobile phone number"
        hint={
          example
            ? `For example ${example.national}, or ${example.international} in international form.`
            : 'With its area code, or in international form starting with +.'
        }
        name="phoneNumber"
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        required
        value={phone}
        onChange={(event) => onPhoneChange(event.target.value)}
        error={phoneError}
      />
    </div>
  );
}

/** The words of a problem; a wrong phone number gets the example of the country chosen, as its hint does. */
function wordsFor(error: DescribedError, example: PhoneExample | null): string {
  const aboutTheNumber = error.field === 'phoneNumber' && error.reason !== 'COUNTRY_NOT_OFFERED';
  return aboutTheNumber && example ? phoneNumberProblemFor(example) : error.message;
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
