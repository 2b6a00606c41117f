import { connectionType } from '../../../graphql/connection';
import { UserSummary } from './user-summary.type';

/** A page of accounts a staff search found (`users`). */
export const UserSummaryConnection = connectionType(UserSummary, 'UserSummary', { one: 'account', many: 'accounts' });

/** What the cursors of account searches are tagged with. */
export const USERS_CURSOR = 'users';
