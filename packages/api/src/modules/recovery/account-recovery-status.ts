import { registerEnumType } from 'type-graphql';

/** Where an account recovery request stands. PENDING and APPROVED are open; the others are final. */
export enum AccountRecoveryStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}

/** The statuses of a request that can still change (and that its account can cancel). */
export const OPEN_RECOVERY_STATUSES = [AccountRecoveryStatus.PENDING, AccountRecoveryStatus.APPROVED] as const;

registerEnumType(AccountRecoveryStatus, {
  name: 'AccountRecoveryStatus',
  description: 'Where an account recovery request stands. PENDING and APPROVED can still be cancelled by the account.',
  valuesConfig: {
    PENDING: { description: 'Waiting for support to decide.' },
    APPROVED: { description: 'Approved by support: 2FA is removed at `effectiveAt` unless the account cancels first.' },
    DENIED: { description: 'Denied by support: nothing changed.' },
    CANCELLED: { description: 'Cancelled by the account (the link e-mailed to it, or a signed-in session): nothing changed.' },
    COMPLETED: { description: 'The wait passed with nobody cancelling: 2FA was removed and every session ended.' },
  },
});
