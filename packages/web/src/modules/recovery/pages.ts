/** The page the link of an account recovery e-mail opens, as a chunk that loads on first use (AppRoutes imports this lazily). */
export { CancelRecoveryPage } from './CancelRecoveryPage';
