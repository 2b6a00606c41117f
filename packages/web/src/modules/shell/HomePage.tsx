import { useId } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { PageHeading } from '../../ui/PageHeading';
import { useSignedInUser } from '../auth/sessionGuards';

export function HomePage() {
  const user = useSignedInUser();
  const twoFactorHeadingId = useId();
  return (
    <div className="stack">
      <PageHeading title="Home">Welcome to HostKey</PageHeading>
      <p>
        You are signed in as <strong className="breakable">{user.email}</strong>.
      </p>
      <section className="card stack" aria-labelledby={twoFactorHeadingId}>
        <h2 id={twoFactorHeadingId}>Two-factor authentication</h2>
        <p>
          A second step at sign-in keeps your account safe even if your password leaks. Find it under your user name in{' '}
          <Link to={PATHS.twoFactorSettings}>Settings for 2FA</Link>.
        </p>
      </section>
    </div>
  );
}
