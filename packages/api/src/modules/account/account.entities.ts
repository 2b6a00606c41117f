import { AccountLinkEntity } from './links/account-link.entity';

/** The tables of the account module. */
export const ACCOUNT_ENTITIES = [AccountLinkEntity];
