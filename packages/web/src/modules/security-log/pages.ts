/** The security log page, as a chunk that loads on first use (AppRoutes imports this lazily). */
import './securityLog.css';

export { SecurityLogPage } from './SecurityLogPage';
