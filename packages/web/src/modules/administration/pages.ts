/** The admins' Administration page (2FA policy, roles), as a chunk that loads on first use (AppRoutes imports this lazily); only admins open it. */
import '../two-factor/twoFactor.css';
import './administration.css';

export { AdministrationPage } from './AdministrationPage';
