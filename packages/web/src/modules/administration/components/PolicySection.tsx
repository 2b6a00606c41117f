import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { PolicyDocument, UpdatePolicyDocument, type PolicyFieldsFragment } from '../graphql/administration.generated';
import type { PolicyInput, TwoFactorMethod, TwoFactorRequirement } from '../../../generated/graphql';
import { CheckboxField } from '../../../ui/CheckboxField';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { formatDateTime } from '../../../ui/dateTime';
import { FormAlert } from '../../../ui/FormAlert';
import { LoadFailed } from '../../../ui/LoadFailed';
import { StatusMessage } from '../../../ui/StatusMessage';
import { TextField } from '../../../ui/TextField';
import { attempt } from '../../errors/attempt';
import { describeError, type DescribedError } from '../../errors/describeError';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';
import { METHODS } from '../../two-factor/methods';
import {
  CONFLICT_WORDS,
  DAYS_PROBLEM,
  NOT_SET_UP_HINT,
  POLICY_METHODS,
  REQUIREMENTS,
  REQUIREMENT_WORDS,
  countriesOf,
  daysOf,
} from '../administrationWords';
import { Choices } from './Choices';

/** The form's fields, in the order they are shown (the first with a problem takes the focus). */
const POLICY_FIELDS = ['requiredFor', 'graceDays', 'offeredMethods', 'rememberBrowserDays', 'smsCountries', 'proof'] as const;
type PolicyField = (typeof POLICY_FIELDS)[number];
type FieldProblems = Partial<Record<PolicyField, string>>;

const isPolicyField = (field: string | undefined): field is PolicyField => (POLICY_FIELDS as readonly string[]).includes(field ?? '');

/** "2FA policy": who must use 2FA and how, read from the API and saved with a fresh code. */
export function PolicySection({ own }: { own: ActiveMethod }) {
  const { data, error, refetch } = useQuery(PolicyDocument, { fetchPolicy: 'cache-and-network' });
  const [status, setStatus] = useState<string | null>(null);
  const policy = data?.policy ?? null;

  async function reload() {
    setStatus(null);
    // A failed reload keeps the values shown; the Save button then says the conflict again.
    const fresh = await refetch().catch(() => null);
    if (fresh?.data) setStatus(`Policy reloaded: version ${fresh.data.policy.version}. Make your change again and save it.`);
  }

  return (
    <section className="card stack" aria-labelledby="admin-policy">
      <h2 id="admin-policy">2FA policy</h2>
      {error && !policy ? (
        <LoadFailed card={false} message={describeError(error).message} onRetry={() => void refetch().catch(() => undefined)} />
      ) : !policy ? (
        <p className="muted">Loading the policy…</p>
      ) : (
        <>
          <p className="muted">{versionWords(policy)}</p>
          <StatusMessage message={status} />
          <PolicyForm
            key={policy.version}
            policy={policy}
            own={own}
            onSaved={(saved) => setStatus(`Policy saved: it is now version ${saved.version}.`)}
            onReload={() => void reload()}
            onEdit={() => setStatus(null)}
          />
        </>
      )}
    </section>
  );
}

function versionWords(policy: PolicyFieldsFragment): string {
  if (policy.version === 0) return 'Version 0: the server’s settings, never saved here.';
  const when = policy.updatedAt ? `, saved ${formatDateTime(policy.updatedAt)}` : '';
  const who = policy.updatedBy ? ` by ${policy.updatedBy === 'CLI' ? 'the operator (command line)' : policy.updatedBy}` : '';
  return `Version ${policy.version}${when}${who}.`;
}

interface PolicyFormProps {
  policy: PolicyFieldsFragment;
  own: ActiveMethod;
  onSaved: (policy: PolicyFieldsFragment) => void;
  onReload: () => void;
  onEdit: () => void;
}

function PolicyForm({ policy, own, onSaved, onReload, onEdit }: PolicyFormProps) {
  const [save] = useMutation(UpdatePolicyDocument);
  const [requiredFor, setRequiredFor] = useState<TwoFactorRequirement>(policy.requiredFor);
  const [graceDays, setGraceDays] = useState(String(policy.graceDays));
  const [methods, setMethods] = useState<TwoFactorMethod[]>(policy.offeredMethods);
  const [rememberDays, setRememberDays] = useState(String(policy.rememberBrowserDays));
  const [anyCountry, setAnyCountry] = useState(policy.smsCountries === null);
  const [countries, setCountries] = useState((policy.smsCountries ?? []).join(', '));
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);
  const [focusFirst, setFocusFirst] = useState(0);
  const alertId = useId();
  const requiredForRef = useRef<HTMLFieldSetElement>(null);
  const graceDaysRef = useRef<HTMLInputElement>(null);
  const methodsRef = useRef<HTMLFieldSetElement>(null);
  const rememberDaysRef = useRef<HTMLInputElement>(null);
  const countriesRef = useRef<HTMLInputElement>(null);
  const proofRef = useRef<HTMLInputElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  // After problems are shown, the first field at fault takes the focus (it is rendered invalid by then).
  useEffect(() => {
    if (focusFirst === 0) return;
    const first = POLICY_FIELDS.find((field) => problems[field]);
    const refs = {
      requiredFor: requiredForRef,
      graceDays: graceDaysRef,
      offeredMethods: methodsRef,
      rememberBrowserDays: rememberDaysRef,
      smsCountries: countriesRef,
      proof: proofRef,
    };
    if (first) refs[first].current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per shown set of problems
  }, [focusFirst]);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  function show(found: FieldProblems, words: string | null) {
    setProblems(found);
    setGeneral(words);
    setFocusFirst((n) => n + 1);
  }

  function showRefusal(refusal: DescribedError) {
    if (refusal.reason === 'POLICY_VERSION_CONFLICT') {
      setProblems({});
      setGeneral(null);
      setConflict(true);
      return;
    }
    const all = refusal.fields ?? (refusal.field ? [{ field: refusal.field, message: refusal.message }] : []);
    const found: FieldProblems = {};
    const elsewhere: string[] = [];
    for (const { field, message } of all) {
      if (isPolicyField(field)) found[field] ??= message;
      else elsewhere.push(message);
    }
    // A wrong or spent code names no field: it is the code's problem.
    if (all.length === 0 && refusal.code === 'INVALID_CODE') found.proof = refusal.message;
    else if (all.length === 0) elsewhere.push(refusal.message);
    show(found, elsewhere.length > 0 ? elsewhere.join(' ') : null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    onEdit();
    setConflict(false);
    const grace = daysOf(graceDays);
    const remember = daysOf(rememberDays);
    const proof = codeToSend('otpOrRecovery', code);
    const found: FieldProblems = {};
    if (grace === null) found.graceDays = DAYS_PROBLEM;
    if (remember === null) found.rememberBrowserDays = DAYS_PROBLEM;
    if (!proof) found.proof = CODE_PROBLEMS.otpOrRecovery;
    if (grace === null || remember === null || !proof) return show(found, null);
    const input: PolicyInput = {
      expectedVersion: policy.version,
      requiredFor,
      graceDays: grace,
      offeredMethods: methods,
      rememberBrowserDays: remember,
      smsCountries: anyCountry ? null : countriesOf(countries),
    };
    setPending(true);
    const outcome = await attempt(async () => (await save({ variables: { input, proof } })).data?.updatePolicy, 'administer');
    setPending(false);
    if (!outcome.ok) return showRefusal(outcome.error);
    show({}, null);
    onSaved(outcome.value);
  }

  const toggle = (method: TwoFactorMethod, on: boolean) =>
    setMethods((chosen) => POLICY_METHODS.filter((m) => (m === method ? on : chosen.includes(m))));
  const fieldWords = POLICY_FIELDS.map((field) => problems[field])
    .filter(Boolean)
    .join(' ');
  const methodsErrorId = `${alertId}-methods`;

  return (
    <form className="stack" noValidate onSubmit={handleSubmit} aria-busy={pending} aria-label="2FA policy">
      <Choices
        ref={requiredForRef}
        legend="Who must use 2FA"
        options={REQUIREMENTS.map((value) => ({ value, label: REQUIREMENT_WORDS[value] }))}
        value={requiredFor}
        onChange={setRequiredFor}
        error={problems.requiredFor}
      />
      <TextField
        ref={graceDaysRef}
        label="Grace days"
        hint="How long someone newly required to use 2FA may go on without it (0 to 365; 0: at once)."
        name="graceDays"
        inputMode="numeric"
        autoComplete="off"
        value={graceDays}
        onChange={(event) => setGraceDays(event.target.value)}
        error={problems.graceDays}
      />
      <fieldset
        className="admin__group stack stack--tight"
        ref={methodsRef}
        tabIndex={-1}
        aria-describedby={problems.offeredMethods ? methodsErrorId : undefined}
      >
        <legend className="field__label">Methods users may set up</legend>
        {POLICY_METHODS.map((method) => {
          const offerable = policy.offerableMethods.includes(method);
          return (
            <CheckboxField
              key={method}
              name="offeredMethods"
              label={METHODS[method].name}
              hint={offerable ? undefined : NOT_SET_UP_HINT}
              // One offered before the server lost it can still be taken off.
              disabled={!offerable && !methods.includes(method)}
              checked={methods.includes(method)}
              onChange={(on) => toggle(method, on)}
            />
          );
        })}
        {problems.offeredMethods && (
          <p className="field__error" id={methodsErrorId}>
            {problems.offeredMethods}
          </p>
        )}
      </fieldset>
      <TextField
        ref={rememberDaysRef}
        label="Remember-browser days"
        hint="How long “Remember this browser” skips the code (0 to 365; 0: browsers are never remembered)."
        name="rememberBrowserDays"
        inputMode="numeric"
        autoComplete="off"
        value={rememberDays}
        onChange={(event) => setRememberDays(event.target.value)}
        error={problems.rememberBrowserDays}
      />
      <Choices
        legend="SMS codes may go to"
        options={[
          { value: 'any', label: 'Any country' },
          { value: 'list', label: 'Only the countries listed below' },
        ]}
        value={anyCountry ? 'any' : 'list'}
        onChange={(value) => setAnyCountry(value === 'any')}
      />
      <TextField
        ref={countriesRef}
        label="SMS countries"
        hint="Two-letter ISO country codes separated by commas, e.g. GB, DE, US."
        name="smsCountries"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        disabled={anyCountry}
        value={countries}
        onChange={(event) => setCountries(event.target.value)}
        error={problems.smsCountries}
      />
      <ProofCode
        ref={proofRef}
        active={own}
        value={code}
        onChange={setCode}
        error={problems.proof}
        onProblem={(problem) => setGeneral(problem?.message ?? null)}
      />
      {conflict ? (
        <div className="attention stack stack--tight" ref={conflictRef} tabIndex={-1} role="alert">
          <p>{CONFLICT_WORDS}</p>
          <div className="actions">
            <button type="button" className="button" onClick={onReload}>
              Reload the policy
            </button>
          </div>
        </div>
      ) : (
        // Field problems show under their fields; the alert also says them all at once for screen readers.
        <FormAlert id={alertId} message={general ?? (fieldWords || null)} visuallyHidden={general === null} />
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={pending}>
          {pending ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}
