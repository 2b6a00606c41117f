import type { RequestContext } from './request-context';
import type { Logger } from '../../shared/logger';
import type { KnownDevices } from './devices/known-devices.service';
import { AuthPayload } from './dto/auth-payload.type';
import type { UserEntity } from './entities/user.entity';
import type { IssuedSession } from './session.service';

/**
 * Hands a new session to the caller, whichever way they signed in: the token in the answer, the
 * HttpOnly cookie for the panel, and the device recorded (a new one is e-mailed to the owner).
 */
export class SessionHandOff {
  constructor(
    private readonly devices: KnownDevices,
    private readonly logger: Logger,
  ) {}

  async start({ token, session, user }: IssuedSession & { user: UserEntity }, context: RequestContext): Promise<AuthPayload> {
    try {
      const device = await this.devices.signedIn(user.id, context.client, context.deviceCookie);
      context.setDeviceCookie(device.value, device.expiresAt);
    } catch (error) {
      // The session stands: a device record or a notice that failed is no reason to refuse it.
      this.logger.warn({ err: error, userId: user.id }, 'the device of a sign-in could not be recorded');
    }
    context.setSessionCookie(token, session.expiresAt);
    return Object.assign(new AuthPayload(), { token, user });
  }
}
