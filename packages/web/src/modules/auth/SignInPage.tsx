import { lazy, Suspense, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { loadPageCode } from '../../app/pageCode';
import { PageErrorBoundary } from '../../app/PageErrorBoundary';
import { PATHS } from '../../app/paths';
import { PageHeading } from '../../ui/PageHeading';
import { ErrorCode, ErrorReason } from '../../generated/graphql';
import { wordsFor } from '../errors/errorWords';
import { AuthLayout } from './AuthLayout';
import { CredentialsForm } from './CredentialsForm';
import type { Credentials } from './credentials';
import { sessionEndedIn } from './signInState';
import { useSignIn, type TwoFactorChallenge } from './useSignIn';

// The 2FA step is needed only by accounts with 2FA on: it loads when the password was right.
const loadLoginChallenge = () => loadPageCode(() => import('../two-factor/components/LoginChallenge'));
const LoginChallenge = lazy(loadLoginChallenge);

interface PendingChallenge {
  challenge: TwoFactorChallenge;
  receivedAt: number;
  email: string;
}

const SESSION_ENDED_WORDS = wordsFor(ErrorCode.UNAUTHENTICATED, undefined, { reason: ErrorReason.SESSION_ENDED });

export function SignInPage() {
  const { signIn } = useSignIn();
  const [pendingChallenge, setPendingChallenge] = useState<PendingChallenge | null>(null);
  const [lastEmail, setLastEmail] = useState('');
  const sessionEnded = sessionEndedIn(useLocation().state);

  async function handleSubmit(credentials: Credentials) {
    // Start fetching the 2FA step alongside the request, so it is ready if the answer needs it.
    void loadLoginChallenge().catch(() => undefined);
    const outcome = await signIn(credentials);
    // On success the session guard leaves this page by itself, as soon as `me` is in the cache.
    if (outcome.kind === 'challenge') {
      setLastEmail(credentials.email);
      setPendingChallenge({ challenge: outcome.challenge, receivedAt: Date.now(), email: credentials.email });
    }
    return outcome.kind === 'failed' ? outcome.error : null;
  }

  if (pendingChallenge) {
    return (
      <AuthLayout>
        <PageErrorBoundary>
          <Suspense fallback={<ChallengeLoading />}>
            <LoginChallenge {...pendingChallenge} onSignInAgain={() => setPendingChallenge(null)} />
          </Suspense>
        </PageErrorBoundary>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      {/* Coming back from the 2FA step is not a navigation: move focus to the new page by hand. */}
      <PageHeading title="Sign in" focusOnMount={lastEmail !== ''}>
        Sign in
      </PageHeading>
      {sessionEnded && (
        <p className="notice" role="status">
          {SESSION_ENDED_WORDS}
        </p>
      )}
      <CredentialsForm purpose="signIn" submitLabel="Sign in" pendingLabel="Signing in…" onSubmit={handleSubmit} initialEmail={lastEmail} />
      <p className="auth-layout__switch">
        <Link to={PATHS.forgotPassword} state={lastEmail ? { email: lastEmail } : undefined}>
          Forgot password?
        </Link>
      </p>
      <p className="auth-layout__switch">
        New to HostKey? <Link to={PATHS.register}>Create an account</Link>
      </p>
    </AuthLayout>
  );
}

function ChallengeLoading() {
  return (
    <p role="status" className="muted">
      Loading…
    </p>
  );
}
