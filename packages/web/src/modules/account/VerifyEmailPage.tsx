import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { PATHS } from '../../app/paths';
import { VerifyEmailDocument } from './graphql/account.generated';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeading } from '../../ui/PageHeading';
import { StatusMessage } from '../../ui/StatusMessage';
import { AuthLayout } from '../auth/AuthLayout';
import { useSession } from '../auth/useSession';
import { attempt } from '../errors/attempt';
import type { DescribedError } from '../errors/describeError';
import { LINK_PROBLEM_WORDS } from '../errors/errorWords';
import { tokenFromHash } from './linkToken';

/**
 * The page a verification link opens (the account's address, or a new one asked for on the
 * Account page). One button, so that nothing is confirmed by merely loading the page.
 */
export function VerifyEmailPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(location.hash));
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [verified, setVerified] = useState(false);
  const [verify, { loading, client }] = useMutation(VerifyEmailDocument);
  const session = useSession();
  const alertId = useId();

  useEffect(() => {
    if (location.hash) void navigate({ pathname: location.pathname }, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  async function confirm() {
    if (loading || !token) return;
    setProblem(null);
    const outcome = await attempt(async () => (await verify({ variables: { token } })).data?.verifyEmail, 'openLink');
    if (!outcome.ok) {
      setProblem(outcome.error);
      return;
    }
    setVerified(true);
    // A signed-in page elsewhere shows the address and whether it is verified: let it know.
    await client.refetchQueries({ include: 'active' }).catch(() => undefined);
  }

  const signedIn = session.status === 'signed-in';
  return (
    <AuthLayout>
      <PageHeading title="Verify your e-mail address">Verify your e-mail address</PageHeading>
      <StatusMessage
        message={verified ? 'Your e-mail address is verified. Security notices and password reset links will go to it.' : null}
      />
      {!token ? (
        <p role="alert">{LINK_PROBLEM_WORDS.LINK_INVALID}</p>
      ) : verified ? null : (
        <>
          <p>Confirm that the address this link was sent to is yours.</p>
          <FormAlert id={alertId} message={problem?.message ?? null} />
          <button type="button" className="button button--primary button--wide" aria-disabled={loading} onClick={() => void confirm()}>
            {loading ? 'Verifying…' : 'Verify e-mail address'}
          </button>
        </>
      )}
      <p className="auth-layout__switch">
        {signedIn ? <Link to={PATHS.account}>Go to your account</Link> : <Link to={PATHS.signIn}>Sign in</Link>}
      </p>
    </AuthLayout>
  );
}
