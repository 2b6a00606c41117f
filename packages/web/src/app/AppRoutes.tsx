import { Route, Routes } from 'react-router';
import { RegisterPage } from '../modules/auth/RegisterPage';
import { RequireSession, RequireSignedOut } from '../modules/auth/sessionGuards';
import { SignInPage } from '../modules/auth/SignInPage';
import { HomePage } from '../modules/shell/HomePage';
import { NotFoundPage } from '../modules/shell/NotFoundPage';
import { Shell } from '../modules/shell/Shell';
import { TwoFactorSettingsPage } from '../modules/two-factor/TwoFactorSettingsPage';
import { PATHS } from './paths';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<RequireSignedOut />}>
        <Route path={PATHS.signIn} element={<SignInPage />} />
        <Route path={PATHS.register} element={<RegisterPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route path={PATHS.twoFactorSettings} element={<TwoFactorSettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
