/**
 * The support page, as a chunk that loads on first use (AppRoutes imports this lazily); only
 * staff open it. It shares the security log's list and stylesheet.
 */
import '../security-log/securityLog.css';
import '../two-factor/twoFactor.css';
import './support.css';

export { SupportResetPage } from './SupportResetPage';
