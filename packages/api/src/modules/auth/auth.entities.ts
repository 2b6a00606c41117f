import { KnownDeviceEntity } from './devices/known-device.entity';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';

/** The tables of the auth module. */
export const AUTH_ENTITIES = [UserEntity, SessionEntity, KnownDeviceEntity];
