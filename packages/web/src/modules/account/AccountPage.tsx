import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { AccountOverviewDocument } from './graphql/account.generated';
import { LoadFailed } from '../../ui/LoadFailed';
import { PageHeading } from '../../ui/PageHeading';
import { isStaff } from '../auth/roles';
import { useSession } from '../auth/useSession';
import { describeError } from '../errors/describeError';
import { activeMethodOf, useTwoFactorSettings } from '../two-factor/hooks/useTwoFactorSettings';
import { ApiTokensSection } from './components/ApiTokensSection';
import { EmailSection } from './components/EmailSection';
import { PasswordSection } from './components/PasswordSection';
import { SessionsSection } from './components/SessionsSection';

/** "User Name » Account": the e-mail address, the password, the signed-in sessions and the API tokens. */
export function AccountPage() {
  const session = useSession();
  const overview = useQuery(AccountOverviewDocument, { fetchPolicy: 'cache-and-network' });
  const twoFactor = useTwoFactorSettings();
  const user = overview.data?.me ?? null;
  const retry = () => {
    void overview.refetch().catch(() => undefined);
    twoFactor.retry();
  };
  const failed = (overview.error && !overview.data ? describeError(overview.error) : null) ?? twoFactor.error;

  return (
    <div className="stack">
      <PageHeading title="Account">Account</PageHeading>
      <p>
        Your e-mail address, password, signed-in sessions and API tokens. Two-factor authentication is under{' '}
        <Link to={PATHS.twoFactorSettings}>Settings for 2FA</Link>; what happened to your account is in the{' '}
        <Link to={PATHS.securityLog}>Security log</Link>.
      </p>
      {user && twoFactor.settings ? (
        <>
          <EmailSection user={user} active={activeMethodOf(twoFactor.settings)} />
          <PasswordSection active={activeMethodOf(twoFactor.settings)} />
          <SessionsSection />
          <ApiTokensSection
            active={activeMethodOf(twoFactor.settings)}
            staff={session.status === 'signed-in' && isStaff(session.user.role)}
          />
        </>
      ) : failed ? (
        <LoadFailed message={failed.message} onRetry={retry} />
      ) : (
        <p role="status" className="muted" aria-busy="true">
          Loading your account…
        </p>
      )}
    </div>
  );
}
