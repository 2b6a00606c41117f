import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RegisterPage } from '../modules/auth/RegisterPage';
import { RequireSession, RequireSignedOut } from '../modules/auth/sessionGuards';
import { SignInPage } from '../modules/auth/SignInPage';
import { HomePage } from '../modules/shell/HomePage';
import { NotFoundPage } from '../modules/shell/NotFoundPage';
import { Shell } from '../modules/shell/Shell';
import { RequireTwoFactorWhenOverdue } from '../modules/two-factor/components/RequireTwoFactorWhenOverdue';
import { loadPhoneNumbers } from '../modules/two-factor/phone/usePhoneNumbers';
import { loadPageCode } from './pageCode';
import { PATHS } from './paths';

// The 2FA screens, the security log and the support page load when first opened, which keeps the first load small (see `pnpm size`).
const twoFactorPages = () => loadPageCode(() => import('../modules/two-factor/pages'));
const TwoFactorSettingsPage = lazy(() => twoFactorPages().then((m) => ({ default: m.TwoFactorSettingsPage })));
const TotpWizard = lazy(() => twoFactorPages().then((m) => ({ default: m.TotpWizard })));
const EmailWizard = lazy(() => twoFactorPages().then((m) => ({ default: m.EmailWizard })));
// The SMS set-up also needs the phone-number metadata: fetched alongside, for SMS only.
const SmsWizard = lazy(() => Promise.all([twoFactorPages(), loadPhoneNumbers()]).then(([m]) => ({ default: m.SmsWizard })));
const SecurityLogPage = lazy(() =>
  loadPageCode(() => import('../modules/security-log/pages')).then((m) => ({ default: m.SecurityLogPage })),
);
const SupportResetPage = lazy(() => loadPageCode(() => import('../modules/support/pages')).then((m) => ({ default: m.SupportResetPage })));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RequireSignedOut />}>
        <Route path={PATHS.signIn} element={<SignInPage />} />
        <Route path={PATHS.register} element={<RegisterPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<Shell />}>
          {/* Open whatever happens: the API keeps setting 2FA up open after the grace period. */}
          <Route path={PATHS.twoFactorSettings} element={<TwoFactorSettingsPage />} />
          <Route path={PATHS.enableTotp} element={<TotpWizard />} />
          <Route path={PATHS.enableEmail} element={<EmailWizard />} />
          <Route path={PATHS.enableSms} element={<SmsWizard />} />
          <Route element={<RequireTwoFactorWhenOverdue />}>
            <Route index element={<HomePage />} />
            <Route path={PATHS.securityLog} element={<SecurityLogPage />} />
            <Route path={PATHS.supportReset} element={<SupportResetPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
