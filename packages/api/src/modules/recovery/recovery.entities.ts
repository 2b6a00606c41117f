import { AccountRecoveryRequestEntity } from './account-recovery-request.entity';

/** The tables of the recovery module. */
export const RECOVERY_ENTITIES = [AccountRecoveryRequestEntity];
