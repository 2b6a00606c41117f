import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import { isUniqueViolation } from '../../../db/unique-violation';
import type { Clock } from '../../../shared/clock';
import { hashToken, newOpaqueToken, OPAQUE_TOKEN_PATTERN } from '../../../shared/opaque-token';
import type { SecurityEventsService } from '../../audit/security-events.service';
import { SecurityEventType } from '../../audit/security-event-type';
import { browserLabel } from '../../two-factor/remembered-browsers/browser-label';
import type { ClientInfo } from '../../../shared/client-info';
import { KnownDeviceEntity } from './known-device.entity';

const DAY_MS = 24 * 60 * 60_000;
/** A device not seen for this long is new again: its next sign-in is e-mailed. */
export const DEVICE_FORGOTTEN_AFTER_MS = 30 * DAY_MS;
/** How long a browser keeps its device cookie; every sign-in renews it. */
const DEVICE_COOKIE_MS = 365 * DAY_MS;

/** The device cookie to hand (back) to the browser. */
export interface DeviceCookie {
  value: string;
  expiresAt: Date;
}

/**
 * Tells an account about sign-ins from devices it has not used in the last 30 days. A browser is
 * known by a random token in a long-lived HttpOnly cookie; a client that sends no cookie (an API
 * client) by its user agent and IP address. The first device of an account (its registration, or
 * its first sign-in since this record began) is recorded without a notice: there is nothing to
 * compare it with.
 */
export class KnownDevices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: Pick<SecurityEventsService, 'record'>,
  ) {}

  private get devices() {
    return this.dataSource.getRepository(KnownDeviceEntity);
  }

  /** Records a sign-in's device, e-mails the owner when it is new, and answers the cookie to set. */
  async signedIn(userId: string, client: ClientInfo, cookie: string | undefined): Promise<DeviceCookie> {
    const now = this.clock.now();
    const hadDevices = await this.devices.existsBy({ userId });
    const token = cookie && OPAQUE_TOKEN_PATTERN.test(cookie) ? cookie : null;
    const label = browserLabel(client.userAgent);
    // With a cookie, the cookie says which device; without one, the user agent and address do.
    const identity = token ? hashToken(token) : hashToken(`client:${client.userAgent ?? ''}|${client.ip ?? ''}`);
    const isNew = await this.sighted(userId, identity, label, client.ip, now);
    const value = token ?? newOpaqueToken();
    // A browser that came without a cookie is known by the one it gets now at its next sign-in.
    if (!token) await this.sighted(userId, hashToken(value), label, client.ip, now);
    if (isNew && hadDevices) {
      await this.events.record({ userId, type: SecurityEventType.NEW_DEVICE_SIGN_IN, ip: client.ip, detail: label });
    }
    return { value, expiresAt: new Date(now.getTime() + DEVICE_COOKIE_MS) };
  }

  /**
   * Marks a device seen now; answers whether it counts as new (never seen, or not for 30 days).
   * Each step names the state it expects, so of sign-ins racing from one new device exactly one
   * hears "new": the one whose insert, or whose update of a stale row, got through.
   */
  private async sighted(userId: string, deviceHash: string, label: string, ip: string | null, now: Date): Promise<boolean> {
    const staleBefore = new Date(now.getTime() - DEVICE_FORGOTTEN_AFTER_MS);
    const revived = await this.devices.update(
      { userId, deviceHash, lastSeenAt: LessThanOrEqual(staleBefore) },
      { lastSeenAt: now, label, ip },
    );
    if (revived.affected === 1) return true;
    const seen = await this.devices.update({ userId, deviceHash }, { lastSeenAt: now, label, ip });
    if (seen.affected === 1) return false;
    try {
      await this.devices.insert({ id: randomUUID(), userId, deviceHash, label, ip, firstSeenAt: now, lastSeenAt: now });
      return true;
    } catch (error) {
      // A sign-in racing this one recorded the device first: it is the one that tells.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
