import { SecurityEventEntity } from './entities/security-event.entity';

/** The tables of the audit module. */
export const AUDIT_ENTITIES = [SecurityEventEntity];
