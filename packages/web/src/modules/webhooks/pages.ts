/** The admins' Webhooks page, as a chunk that loads on first use (AppRoutes imports this lazily); only admins open it. */
import '../two-factor/twoFactor.css';
import './webhooks.css';

export { WebhooksPage } from './WebhooksPage';
