import { useMutation } from '@apollo/client/react';
import { lazy, Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { loadPageCode } from '../../app/pageCode';
import { PageErrorBoundary } from '../../app/PageErrorBoundary';
import { PATHS } from '../../app/paths';
import { ResetPasswordDocument } from './graphql/account.generated';
import type { LoginChallengeFieldsFragment } from '../auth/graphql/session.generated';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { AuthLayout } from '../auth/AuthLayout';
import {
  isPasswordLengthValid,
  PASSWORD_HINT,
  PASSWORD_LENGTH_PROBLEM,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../auth/credentialRules';
import { endSession } from '../auth/sessionCache';
import { useSession } from '../auth/useSession';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';
import { LINK_PROBLEM_WORDS } from '../errors/errorWords';
import { tokenFromHash } from './linkToken';

const loadLoginChallenge = () => loadPageCode(() => import('../two-factor/components/LoginChallenge'));
const LoginChallenge = lazy(loadLoginChallenge);

type Stage = { kind: 'form' } | { kind: 'challenge'; challenge: LoginChallengeFieldsFragment; receivedAt: number } | { kind: 'signed-in' };

/**
 * The page a reset link opens: a new password, then signing in as with a password. With 2FA on
 * the second step follows here, as at sign-in: a reset never skips it. Every session of the
 * account ends with the reset, this browser's too.
 */
export function ResetPasswordPage() {
  const location = useLocation();
  const navigate = useNavigate();
  // Read once, then taken out of the address bar (and so out of the history and of screenshots).
  const [token] = useState(() => tokenFromHash(location.hash));
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [reset, { loading, client }] = useMutation(ResetPasswordDocument);
  const session = useSession();
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertId = useId();

  useEffect(() => {
    if (location.hash) void navigate({ pathname: location.pathname }, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  // The second step passed: LoginChallenge put the new session in the cache.
  if ((stage.kind === 'challenge' && session.status === 'signed-in') || stage.kind === 'signed-in') {
    return <Navigate to={PATHS.home} replace />;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || !token) return;
    if (!isPasswordLengthValid(password)) {
      setProblem({ message: PASSWORD_LENGTH_PROBLEM, field: 'newPassword' });
      passwordRef.current?.focus();
      return;
    }
    setProblem(null);
    void loadLoginChallenge().catch(() => undefined);
    const outcome = await attempt(
      async () => (await reset({ variables: { token, newPassword: password } })).data?.resetPassword,
      'openLink',
    );
    if (!outcome.ok) {
      setProblem(outcome.error);
      passwordRef.current?.focus();
      return;
    }
    // Every session of the account ended, this browser's too: forget what the cache knew of it.
    await endSession(client);
    const result = outcome.value;
    if (result.__typename === 'TwoFactorChallenge') {
      setStage({ kind: 'challenge', challenge: result, receivedAt: Date.now() });
    } else {
      setStage({ kind: 'signed-in' });
    }
  }

  if (stage.kind === 'challenge') {
    return (
      <AuthLayout>
        <PageErrorBoundary>
          <Suspense fallback={<p role="status">Loading…</p>}>
            <LoginChallenge
              challenge={stage.challenge}
              receivedAt={stage.receivedAt}
              email={null}
              onSignInAgain={() => void navigate(PATHS.signIn, { replace: true })}
            />
          </Suspense>
        </PageErrorBoundary>
      </AuthLayout>
    );
  }

  const linkDead = problem?.reason === 'LINK_INVALID' || problem?.reason === 'LINK_ALREADY_USED' || problem?.reason === 'LINK_EXPIRED';
  const fieldProblem = problem?.field === 'newPassword' ? problem.message : null;
  return (
    <AuthLayout>
      <PageHeading title="Choose a new password">Choose a new password</PageHeading>
      {!token ? (
        <>
          <p role="alert">{LINK_PROBLEM_WORDS.LINK_INVALID}</p>
          <p>
            <Link to={PATHS.forgotPassword}>Ask for a new link</Link>
          </p>
        </>
      ) : (
        <>
          <p>Your other devices will be signed out. If two-factor authentication is on, you will be asked for a code next.</p>
          <form className="stack" noValidate onSubmit={(event) => void handleSubmit(event)} aria-busy={loading}>
            {/* The account's address is not known here; browsers still offer to save the new password. */}
            <TextField
              ref={passwordRef}
              label="New password"
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              maxLength={PASSWORD_MAX_LENGTH}
              hint={PASSWORD_HINT}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={fieldProblem}
            />
            <FormAlert id={alertId} message={problem?.message ?? null} visuallyHidden={fieldProblem !== null} />
            {linkDead && (
              <p>
                <Link to={PATHS.forgotPassword}>Ask for a new link</Link>
              </p>
            )}
            <button type="submit" className="button button--primary button--wide" aria-disabled={loading}>
              {loading ? 'Saving…' : 'Set new password'}
            </button>
          </form>
        </>
      )}
      <p className="auth-layout__switch">
        <Link to={PATHS.signIn}>Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}
