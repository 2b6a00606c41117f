import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { PageErrorBoundary } from '../../app/PageErrorBoundary';
import { PATHS } from '../../app/paths';
import { Brand } from '../../ui/Brand';
import { useSignedInUser } from '../auth/sessionGuards';
import { AccountRecoveryBanner } from '../recovery/AccountRecoveryBanner';
import { SupportContactProvider } from '../recovery/SupportContact';
import { FirstLoginPrompt } from '../two-factor/components/FirstLoginPrompt';
import { PageLoading } from './PageLoading';
import { UserMenu } from './UserMenu';
import './shell.css';

/** The frame of every signed-in page: the product name, the user-name menu, then the page. */
export function Shell() {
  const user = useSignedInUser();
  return (
    <SupportContactProvider>
      <div className="shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="shell__header">
          <div className="shell__bar">
            <Link to={PATHS.home} className="brand">
              <Brand />
            </Link>
            <UserMenu userName={user.email} role={user.role} />
          </div>
        </header>
        <main id="main" className="shell__main">
          <AccountRecoveryBanner />
          <FirstLoginPrompt />
          {/* The 2FA pages load on first visit; the frame and the menu stay in place meanwhile, and
            when a page cannot load or breaks. */}
          <PageErrorBoundary>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </main>
      </div>
    </SupportContactProvider>
  );
}
