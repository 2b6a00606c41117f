import { lazy, startTransition, Suspense, useEffect, useState, type ReactNode } from 'react';
import { AuthLayout } from '../modules/auth/AuthLayout';
import { createRoutesFromElements, matchRoutes, Route, useRoutes } from 'react-router';
import { RegisterPage } from '../modules/auth/RegisterPage';
import { RequireSession, RequireSignedOut } from '../modules/auth/sessionGuards';
import { SignInPage } from '../modules/auth/SignInPage';
import { HomePage } from '../modules/shell/HomePage';
import { NotFoundPage } from '../modules/shell/NotFoundPage';
import { RequireTwoFactorWhenOverdue } from '../modules/two-factor/components/RequireTwoFactorWhenOverdue';
import { loadPhoneNumbers } from '../modules/two-factor/phone/usePhoneNumbers';
import { lazyPage, pageCode } from './pageCode';
import { PATHS } from './paths';
import { BootFrame } from '../ui/BootFrame';

// The signed-in frame loads once a session is known: the sign-in page does without it.
const shellPages = pageCode(() => import('../modules/shell/pages'));
const Shell = lazyPage(shellPages, (m) => m.Shell);

// The 2FA screens, the security log and the support page load when first opened, which keeps the first load small (see `pnpm size`).
const twoFactorPages = pageCode(() => import('../modules/two-factor/pages'));
const TwoFactorSettingsPage = lazyPage(twoFactorPages, (m) => m.TwoFactorSettingsPage);
const TotpWizard = lazyPage(twoFactorPages, (m) => m.TotpWizard);
const EmailWizard = lazyPage(twoFactorPages, (m) => m.EmailWizard);
// The SMS set-up also needs the phone-number metadata: fetched alongside, for SMS only.
const SmsWizard = lazy(() => Promise.all([twoFactorPages.load(), loadPhoneNumbers()]).then(([m]) => ({ default: m.SmsWizard })));
const SecurityKeyWizard = lazyPage(twoFactorPages, (m) => m.SecurityKeyWizard);
const securityLogPages = pageCode(() => import('../modules/security-log/pages'));
const SecurityLogPage = lazyPage(securityLogPages, (m) => m.SecurityLogPage);
// Admins only: the Webhooks page.
const webhooksPages = pageCode(() => import('../modules/webhooks/pages'));
const WebhooksPage = lazyPage(webhooksPages, (m) => m.WebhooksPage);
// Admins only: the Administration page (2FA policy, roles).
const administrationPages = pageCode(() => import('../modules/administration/pages'));
const AdministrationPage = lazyPage(administrationPages, (m) => m.AdministrationPage);
const supportPages = pageCode(() => import('../modules/support/pages'));
const SupportResetPage = lazyPage(supportPages, (m) => m.SupportResetPage);
const RecoveryQueuePage = lazyPage(supportPages, (m) => m.RecoveryQueuePage);
const recoveryPages = pageCode(() => import('../modules/recovery/pages'));
const CancelRecoveryPage = lazyPage(recoveryPages, (m) => m.CancelRecoveryPage);
// The Account page, and the pages that links in e-mails open.
const accountPages = pageCode(() => import('../modules/account/pages'));
const AccountPage = lazyPage(accountPages, (m) => m.AccountPage);
const ForgotPasswordPage = lazyPage(accountPages, (m) => m.ForgotPasswordPage);
const ResetPasswordPage = lazyPage(accountPages, (m) => m.ResetPasswordPage);
const VerifyEmailPage = lazyPage(accountPages, (m) => m.VerifyEmailPage);

/**
 * A signed-out page whose code loads on first visit: the card frame stays while it does. Opened
 * by its address (a link in an e-mail), it waits for its code like a signed-in page.
 */
function LazySignedOutPage({ children }: { children: ReactNode }) {
  return (
    <OpeningPageCode>
      <Suspense
        fallback={
          <AuthLayout>
            <p role="status" className="muted">
              Loading…
            </p>
          </AuthLayout>
        }
      >
        {children}
      </Suspense>
    </OpeningPageCode>
  );
}

/** The code a route's page needs beyond the first load; the routes above it add theirs. */
interface RouteCode {
  code: { load(): Promise<unknown> }[];
}
const needs = (...code: RouteCode['code']): RouteCode => ({ code });

const ROUTES = createRoutesFromElements(
  <>
    <Route element={<RequireSignedOut />}>
      <Route path={PATHS.signIn} element={<SignInPage />} />
      <Route path={PATHS.register} element={<RegisterPage />} />
      <Route
        path={PATHS.forgotPassword}
        handle={needs(accountPages)}
        element={
          <LazySignedOutPage>
            <ForgotPasswordPage />
          </LazySignedOutPage>
        }
      />
    </Route>
    {/* Links in e-mails open these, signed in or not (a reset ends every session anyway). */}
    <Route
      path={PATHS.resetPassword}
      handle={needs(accountPages)}
      element={
        <LazySignedOutPage>
          <ResetPasswordPage />
        </LazySignedOutPage>
      }
    />
    <Route
      path={PATHS.verifyEmail}
      handle={needs(accountPages)}
      element={
        <LazySignedOutPage>
          <VerifyEmailPage />
        </LazySignedOutPage>
      }
    />
    <Route
      path={PATHS.cancelRecovery}
      handle={needs(recoveryPages)}
      element={
        <LazySignedOutPage>
          <CancelRecoveryPage />
        </LazySignedOutPage>
      }
    />
    <Route element={<RequireSession />}>
      <Route
        handle={needs(shellPages)}
        element={
          <OpeningPageCode>
            <Suspense fallback={<BootFrame busy>Loading…</BootFrame>}>
              <Shell />
            </Suspense>
          </OpeningPageCode>
        }
      >
        {/* Open whatever happens: the API keeps setting 2FA up open after the grace period. */}
        <Route path={PATHS.twoFactorSettings} handle={needs(twoFactorPages)} element={<TwoFactorSettingsPage />} />
        <Route path={PATHS.enableTotp} handle={needs(twoFactorPages)} element={<TotpWizard />} />
        <Route path={PATHS.enableEmail} handle={needs(twoFactorPages)} element={<EmailWizard />} />
        <Route path={PATHS.enableSms} handle={needs(twoFactorPages, { load: loadPhoneNumbers })} element={<SmsWizard />} />
        <Route path={PATHS.enableSecurityKey} handle={needs(twoFactorPages)} element={<SecurityKeyWizard />} />
        <Route element={<RequireTwoFactorWhenOverdue />}>
          <Route index element={<HomePage />} />
          <Route path={PATHS.account} handle={needs(accountPages)} element={<AccountPage />} />
          <Route path={PATHS.securityLog} handle={needs(securityLogPages)} element={<SecurityLogPage />} />
          <Route path={PATHS.supportReset} handle={needs(supportPages)} element={<SupportResetPage />} />
          <Route path={PATHS.webhooks} handle={needs(webhooksPages)} element={<WebhooksPage />} />
          <Route path={PATHS.administration} handle={needs(administrationPages)} element={<AdministrationPage />} />
          <Route path={PATHS.supportRecovery} handle={needs(supportPages)} element={<RecoveryQueuePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Route>
  </>,
);

export function AppRoutes() {
  return useRoutes(ROUTES);
}

/** The code of the page the panel opened on, settled once every part of it has arrived or failed. */
let openingPageCode: Promise<void> | null = null;
let openingPageCodeSettled = false;

/**
 * Starts fetching the code of the page the panel opens on, beside the session check rather than
 * after it: a deep link would otherwise wait for the session, then the frame, then the page, one
 * after the other. A failed fetch is left to the page itself, which shows it when it renders.
 */
export function preloadPageCode(pathname: string): void {
  const loads = (matchRoutes(ROUTES, pathname) ?? []).flatMap(({ route }) => (route.handle as RouteCode | undefined)?.code ?? []);
  if (loads.length === 0) return;
  openingPageCode = Promise.allSettled(loads.map((code) => code.load())).then(() => {
    openingPageCodeSettled = true;
  });
}

/**
 * Holds a page's frame back until the opening page's code has arrived, when the session is known
 * first (the frame that showed while the session was checked stays). A page whose code is still on
 * its way suspends, and React then keeps its content back for its reveal throttle (about 300 ms)
 * behind a "Loading…", and the page's own queries start only then. Waiting the few milliseconds
 * the code still needs shows frame and page at once.
 */
function OpeningPageCode({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(() => openingPageCode === null || openingPageCodeSettled);
  useEffect(() => {
    // In the background, in slices, as the session guard renders the frame (RequireSession).
    if (!ready) void openingPageCode?.then(() => startTransition(() => setReady(true)));
  }, [ready]);
  return ready ? children : <BootFrame busy>Loading…</BootFrame>;
}
