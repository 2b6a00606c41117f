/**
 * The Account page and the pages e-mailed links open, as a chunk that loads on first use
 * (AppRoutes imports this lazily). The proof field comes from the 2FA screens, with their styles.
 */
import '../two-factor/twoFactor.css';
import './account.css';

export { AccountPage } from './AccountPage';
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { ResetPasswordPage } from './ResetPasswordPage';
export { VerifyEmailPage } from './VerifyEmailPage';
