import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { PATHS } from '../../app/paths';
import { PageHeading } from '../../ui/PageHeading';
import { wordsFor } from '../errors/errorWords';
import { AuthLayout } from './AuthLayout';
import { CredentialsForm } from './CredentialsForm';
import type { Credentials } from './credentials';
import { sessionEndedIn } from './signInState';
import { TwoFactorRequired } from './TwoFactorRequired';
import { useSignIn, type TwoFactorChallenge } from './useSignIn';

interface PendingChallenge {
  challenge: TwoFactorChallenge;
  email: string;
}

const SESSION_ENDED_WORDS = wordsFor('UNAUTHENTICATED', undefined, {});

export function SignInPage() {
  const { signIn } = useSignIn();
  const [pendingChallenge, setPendingChallenge] = useState<PendingChallenge | null>(null);
  const sessionEnded = sessionEndedIn(useLocation().state);

  async function handleSubmit(credentials: Credentials) {
    const outcome = await signIn(credentials);
    // On success the session guard leaves this page by itself, as soon as `me` is in the cache.
    if (outcome.kind === 'challenge') setPendingChallenge({ challenge: outcome.challenge, email: credentials.email });
    return outcome.kind === 'failed' ? outcome.error : null;
  }

  if (pendingChallenge) {
    return (
      <AuthLayout>
        <TwoFactorRequired {...pendingChallenge} onBack={() => setPendingChallenge(null)} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <PageHeading title="Sign in">Sign in</PageHeading>
      {sessionEnded && (
        <p className="notice" role="status">
          {SESSION_ENDED_WORDS}
        </p>
      )}
      <CredentialsForm purpose="signIn" submitLabel="Sign in" pendingLabel="Signing in…" onSubmit={handleSubmit} />
      <p className="auth-layout__switch">
        New to HostKey? <Link to={PATHS.register}>Create an account</Link>
      </p>
    </AuthLayout>
  );
}
