import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../../app/paths';
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  type ApiTokenFieldsFragment,
} from '../graphql/account.generated';
import type { ApiTokenScope } from '../../../generated/graphql';
import { CheckboxField } from '../../../ui/CheckboxField';
import { CODE_PROBLEMS, codeToSend } from '../../../ui/codes';
import { CopyButton } from '../../../ui/CopyButton';
import { formatDateTime } from '../../../ui/dateTime';
import { FormAlert } from '../../../ui/FormAlert';
import { LoadFailed } from '../../../ui/LoadFailed';
import { StatusMessage } from '../../../ui/StatusMessage';
import { TextField } from '../../../ui/TextField';
import { attempt } from '../../errors/attempt';
import { describeError, type DescribedError } from '../../errors/describeError';
import { ProofCode } from '../../two-factor/components/ProofCode';
import type { ActiveMethod } from '../../two-factor/hooks/useTwoFactorSettings';

type ApiToken = ApiTokenFieldsFragment;

/** What each scope lets a script read, in the words of the form and the list. */
export const SCOPE_WORDS: Record<ApiTokenScope, { label: string; hint: string }> = {
  READ: {
    label: 'Read your account',
    hint: 'Your 2FA settings, your security log and your API tokens.',
  },
  SUPPORT_READ: {
    label: 'Support reads',
    hint: 'Search accounts and read their security logs, as you can in the panel; each read is recorded.',
  },
};

/** How long a new token may last: the API takes 1 to 365 days, 90 when none is chosen. */
export const TOKEN_LIFETIMES = [7, 30, 90, 180, 365] as const;
const DEFAULT_LIFETIME = 90;
const NAME_MAX_LENGTH = 64;

interface ApiTokensSectionProps {
  /** The active 2FA method: tokens exist only with 2FA on, and a new one needs a fresh proof of it. */
  active: ActiveMethod | null;
  /** Staff may also give a token the support reads. */
  staff: boolean;
}

/**
 * "API tokens": credentials for the owner's scripts, which only read. Listed with what they read,
 * until when and when last used; a new one is shown once, with a copy button; each can be revoked.
 */
export function ApiTokensSection({ active, staff }: ApiTokensSectionProps) {
  const headingId = useId();
  const alertId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { data, error, refetch } = useQuery(ApiTokensDocument, { fetchPolicy: 'cache-and-network', skip: !active });
  const [revoke] = useMutation(RevokeApiTokenDocument);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const tokens = data?.apiTokens ?? null;

  async function revokeOne(token: ApiToken) {
    if (busy) return;
    setBusy(token.id);
    setProblem(null);
    setOutcome(null);
    const result = await attempt(async () => (await revoke({ variables: { id: token.id } })).data?.revokeApiToken, 'revokeApiToken');
    setBusy(null);
    if (result.ok) setOutcome(`The token “${token.name}” was revoked: scripts that use it are refused from now on.`);
    else setProblem(result.error);
    // Its row is gone either way (revoked here, or already elsewhere): the focus starts again at the heading.
    void refetch().catch(() => undefined);
    headingRef.current?.focus();
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        API tokens
      </h2>
      <p>
        A script of yours can read your account with a token instead of your password and 2FA code. Tokens only read: they can never change
        your 2FA, your password or your address. They stop working when they expire, when you revoke them, when you turn 2FA off, and when
        your password changes.
      </p>
      {!active ? (
        <p className="notice">
          API tokens are only for accounts with two-factor authentication. Turn it on under{' '}
          <Link to={PATHS.twoFactorSettings}>Settings for 2FA</Link> to create one.
        </p>
      ) : (
        <>
          <StatusMessage message={outcome} />
          {/* Mounted with words only: the page keeps one alert region at rest, the password form's. */}
          {problem && <FormAlert id={alertId} message={problem.message} />}
          {created && <NewToken created={created} onDone={() => setCreated(null)} />}
          {tokens ? (
            tokens.length > 0 ? (
              <ul className="ruled-list" aria-label="API tokens">
                {tokens.map((token) => (
                  <TokenItem key={token.id} token={token} busy={busy !== null} onRevoke={() => void revokeOne(token)} />
                ))}
              </ul>
            ) : (
              <p className="muted">You have no API tokens.</p>
            )
          ) : error ? (
            <LoadFailed message={describeError(error).message} onRetry={() => void refetch().catch(() => undefined)} card={false} />
          ) : (
            <p role="status" className="muted" aria-busy="true">
              Loading your API tokens…
            </p>
          )}
          {creating ? (
            <CreateTokenForm
              active={active}
              staff={staff}
              onCreated={(token, name) => {
                setCreating(false);
                setOutcome(null);
                setProblem(null);
                setCreated({ token, name });
                void refetch().catch(() => undefined);
              }}
              onCancel={() => setCreating(false)}
            />
          ) : (
            <div className="actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  setOutcome(null);
                  setCreating(true);
                }}
              >
                Create token
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A token just made: shown this once, with a copy button, until "Done". */
function NewToken({ created, onDone }: { created: { token: string; name: string }; onDone: () => void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <div className="notice notice--success stack stack--tight api-token-new" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Your new token “{created.name}”
      </h3>
      <p>Copy it now and keep it where your script can read it: it will not be shown again.</p>
      <p className="api-token-new__value">
        <code>{created.token}</code>
      </p>
      <div className="actions">
        <CopyButton text={created.token} label="Copy token" className="button button--primary" />
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="api-token-new__usage">
        Send it as <code>Authorization: Bearer …</code> with each request to <code>/graphql</code>.
      </p>
    </div>
  );
}

function TokenItem({ token, busy, onRevoke }: { token: ApiToken; busy: boolean; onRevoke: () => void }) {
  const labelId = useId();
  return (
    <li className="session">
      <p className="session__head">
        <strong id={labelId} className="breakable">
          {token.name}
        </strong>
        {token.scopes.map((scope) => (
          <span key={scope} className="badge badge--off">
            {SCOPE_WORDS[scope].label}
          </span>
        ))}
      </p>
      <p className="session__meta">
        <span>
          Created <time dateTime={token.createdAt}>{formatDateTime(token.createdAt)}</time>
        </span>
        <span>
          Expires <time dateTime={token.expiresAt}>{formatDateTime(token.expiresAt)}</time>
        </span>
        <span>
          {token.lastUsedAt ? (
            <>
              Last used <time dateTime={token.lastUsedAt}>{formatDateTime(token.lastUsedAt)}</time>
            </>
          ) : (
            'Never used'
          )}
        </span>
      </p>
      {/* "Revoke" is read with the token's name, as there is one per token. */}
      <button type="button" className="button button--quiet" aria-describedby={labelId} aria-disabled={busy} onClick={onRevoke}>
        Revoke
      </button>
    </li>
  );
}

type FormField = 'name' | 'scopes' | 'expiresInDays' | 'proof';

interface CreateTokenFormProps {
  active: ActiveMethod;
  staff: boolean;
  onCreated: (token: string, name: string) => void;
  onCancel: () => void;
}

function CreateTokenForm({ active, staff, onCreated, onCancel }: CreateTokenFormProps) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['READ']);
  const [days, setDays] = useState<number>(DEFAULT_LIFETIME);
  const [proof, setProof] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  // The token is shown once and kept out of Apollo's cache: it lives only in this page's state.
  const [create, { loading }] = useMutation(CreateApiTokenDocument, { fetchPolicy: 'no-cache' });
  const nameRef = useRef<HTMLInputElement>(null);
  const scopesRef = useRef<HTMLFieldSetElement>(null);
  const proofRef = useRef<HTMLInputElement>(null);
  const alertId = useId();
  const lifetimeId = useId();

  function fieldOf(error: DescribedError): FormField | null {
    if (error.field === 'name' || error.field === 'scopes' || error.field === 'expiresInDays' || error.field === 'proof')
      return error.field;
    if (error.code === 'INVALID_CODE') return 'proof';
    return null;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const trimmed = name.trim();
    const code = codeToSend('otpOrRecovery', proof);
    let found: DescribedError | null = null;
    if (trimmed === '' || [...trimmed].length > NAME_MAX_LENGTH) {
      found = { message: `Give the token a name of 1 to ${NAME_MAX_LENGTH} characters, e.g. “deploy script”.`, field: 'name' };
    } else if (scopes.length === 0) found = { message: 'Choose what the token may read.', field: 'scopes' };
    else if (!code) found = { message: CODE_PROBLEMS.otpOrRecovery, field: 'proof' };
    if (!found) {
      const outcome = await attempt(
        async () => (await create({ variables: { name: trimmed, scopes, expiresInDays: days, proof: code! } })).data?.createApiToken,
        'createApiToken',
      );
      if (outcome.ok) {
        onCreated(outcome.value.token, outcome.value.apiToken.name);
        return;
      }
      found = outcome.error;
    }
    setProblem(found);
    const field = fieldOf(found);
    if (field === 'name') nameRef.current?.focus();
    else if (field === 'scopes') scopesRef.current?.querySelector('input')?.focus();
    else if (field === 'proof') proofRef.current?.focus();
  }

  const field = problem ? fieldOf(problem) : null;
  const offered: ApiTokenScope[] = staff ? ['READ', 'SUPPORT_READ'] : ['READ'];
  return (
    <form className="stack" noValidate onSubmit={(event) => void handleSubmit(event)} aria-busy={loading} aria-label="Create an API token">
      <TextField
        ref={nameRef}
        label="Name"
        name="name"
        autoComplete="off"
        required
        maxLength={NAME_MAX_LENGTH}
        hint="What the token is for, so you can tell it apart, e.g. “deploy script”."
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={field === 'name' ? problem!.message : null}
      />
      {staff ? (
        <fieldset
          ref={scopesRef}
          className="stack stack--tight api-token-scopes"
          aria-describedby={field === 'scopes' ? alertId : undefined}
        >
          <legend className="field__label">What it may read</legend>
          {offered.map((scope) => (
            <CheckboxField
              key={scope}
              name="scopes"
              label={SCOPE_WORDS[scope].label}
              hint={SCOPE_WORDS[scope].hint}
              checked={scopes.includes(scope)}
              onChange={(checked) => setScopes((now) => (checked ? [...now, scope] : now.filter((s) => s !== scope)))}
            />
          ))}
        </fieldset>
      ) : (
        <p>
          <strong>What it may read:</strong> {SCOPE_WORDS.READ.hint}
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor={lifetimeId}>
          Expires after
        </label>
        <select
          id={lifetimeId}
          name="expiresInDays"
          className="field__input api-token-lifetime"
          value={days}
          onChange={(event) => setDays(Number(event.target.value))}
        >
          {TOKEN_LIFETIMES.map((lifetime) => (
            <option key={lifetime} value={lifetime}>
              {lifetime} days
            </option>
          ))}
        </select>
      </div>
      <ProofCode
        ref={proofRef}
        active={active}
        value={proof}
        onChange={setProof}
        errorId={field === 'proof' ? alertId : undefined}
        onProblem={setProblem}
      />
      <FormAlert id={alertId} message={problem?.message ?? null} visuallyHidden={field === 'name'} />
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={loading}>
          {loading ? 'Creating…' : 'Create token'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
