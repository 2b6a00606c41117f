import { SessionEntity } from '../modules/auth/entities/session.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';

/** Every table Latchkey owns. Migrations must match these (a test checks it on both databases). */
export const ENTITIES = [UserEntity, SessionEntity];
