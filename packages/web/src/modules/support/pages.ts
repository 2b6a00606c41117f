/**
 * The support pages (resets, recovery requests), as a chunk that loads on first use (AppRoutes
 * imports this lazily); only staff open them. They share the security log's list and stylesheet.
 */
import '../security-log/securityLog.css';
import '../two-factor/twoFactor.css';
import './support.css';

export { RecoveryQueuePage } from './RecoveryQueuePage';
export { SupportResetPage } from './SupportResetPage';
