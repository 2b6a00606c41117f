import { connectionType } from '../../../graphql/connection';
import { SecurityEventEntity } from '../entities/security-event.entity';

/** A page of a security log (`securityLog`, `userSecurityLog`). */
export const SecurityEventConnection = connectionType(SecurityEventEntity, 'SecurityEvent', {
  one: 'security log entry',
  many: 'security log entries',
});

/** What the cursors of security logs are tagged with. */
export const SECURITY_LOG_CURSOR = 'events';
