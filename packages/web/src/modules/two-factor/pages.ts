/**
 * The 2FA pages, as one chunk that loads on first use (AppRoutes imports this lazily). The
 * stylesheet comes with them.
 */
import './twoFactor.css';

export { TwoFactorSettingsPage } from './components/TwoFactorSettingsPage';
export { TotpWizard } from './components/TotpWizard';
export { EmailWizard, SmsWizard } from './components/CodeMethodWizard';
export { SecurityKeyWizard } from './components/SecurityKeyWizard';
