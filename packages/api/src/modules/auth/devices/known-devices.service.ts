import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { instant } from '../../../db/columns';
import { preparedSelect, preparedWrite } from '../../../db/prepared-statements';
import { isUniqueViolation } from '../../../db/unique-violation';
import type { Clock } from '../../../shared/clock';
import { hashToken, OPAQUE_TOKEN_PATTERN } from '../../../shared/opaque-token';
import type { SecretBox } from '../../../shared/secret-box';
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
 * Tells an account about sign-ins from devices it has not used in the last 30 days. A device is
 * known by the token in its long-lived HttpOnly cookie. A client that sends none (an API client, a
 * browser's first sign-in) is given the token its user agent and IP address make with the server's
 * key, so that each of its sign-ins finds the same row: one row a device, however often a client
 * that keeps no cookies signs in. The first device of an account (its registration, or its first
 * sign-in since this record began) is recorded without a notice: there is nothing to compare it
 * with.
 */
export class KnownDevices {
  // The statements of every sign-in, prepared once: written by hand, they cost a fraction of TypeORM's.
  private readonly anyDeviceOf;
  private readonly reviveStale;
  private readonly markSeen;
  private readonly insertDevice;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: Pick<SecurityEventsService, 'record'>,
    private readonly secrets: Pick<SecretBox, 'deviceToken'>,
  ) {
    this.anyDeviceOf = preparedSelect(dataSource, {
      name: 'known_device_of_user',
      select: { device: KnownDeviceEntity },
      from: '"known_devices" "device"',
      where: 'WHERE "device"."user_id" = ? LIMIT 1',
    });
    this.reviveStale = preparedWrite(dataSource, {
      name: 'known_device_revive_stale',
      sql: 'UPDATE "known_devices" SET "last_seen_at" = ?, "label" = ?, "ip" = ? WHERE "user_id" = ? AND "device_hash" = ? AND "last_seen_at" <= ?',
    });
    this.markSeen = preparedWrite(dataSource, {
      name: 'known_device_seen',
      sql: 'UPDATE "known_devices" SET "last_seen_at" = ?, "label" = ?, "ip" = ? WHERE "user_id" = ? AND "device_hash" = ?',
    });
    this.insertDevice = preparedWrite(dataSource, {
      name: 'known_device_insert',
      sql:
        'INSERT INTO "known_devices" ("id", "user_id", "device_hash", "label", "ip", "first_seen_at", "last_seen_at") ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?)',
    });
  }

  /** Records a sign-in's device, e-mails the owner when it is new, and answers the cookie to set. */
  async signedIn(userId: string, client: ClientInfo, cookie: string | undefined): Promise<DeviceCookie> {
    const now = this.clock.now();
    const hadDevices = (await this.anyDeviceOf.first([userId])) !== undefined;
    const label = browserLabel(client.userAgent);
    // With a cookie, the cookie says which device; without one, the user agent and address do.
    const token =
      cookie && OPAQUE_TOKEN_PATTERN.test(cookie)
        ? cookie
        : this.secrets.deviceToken(`client:${client.userAgent ?? ''}|${client.ip ?? ''}`);
    const isNew = await this.sighted(userId, hashToken(token), label, client.ip, now);
    if (isNew && hadDevices) {
      await this.events.record({ userId, type: SecurityEventType.NEW_DEVICE_SIGN_IN, ip: client.ip, detail: label });
    }
    return { value: token, expiresAt: new Date(now.getTime() + DEVICE_COOKIE_MS) };
  }

  /**
   * Marks a device seen now; answers whether it counts as new (never seen, or not for 30 days).
   * Each step names the state it expects, so of sign-ins racing from one new device exactly one
   * hears "new": the one whose insert, or whose update of a stale row, got through.
   */
  private async sighted(userId: string, deviceHash: string, label: string, ip: string | null, now: Date): Promise<boolean> {
    const staleBefore = new Date(now.getTime() - DEVICE_FORGOTTEN_AFTER_MS);
    if ((await this.reviveStale([instant(now), label, ip, userId, deviceHash, instant(staleBefore)])) === 1) return true;
    if ((await this.markSeen([instant(now), label, ip, userId, deviceHash])) === 1) return false;
    return this.insert(userId, deviceHash, label, ip, now);
  }

  /** Answers whether this insert recorded the device (false: a racing sign-in did it first). */
  private async insert(userId: string, deviceHash: string, label: string, ip: string | null, now: Date): Promise<boolean> {
    try {
      await this.insertDevice([randomUUID(), userId, deviceHash, label, ip, instant(now), instant(now)]);
      return true;
    } catch (error) {
      // A sign-in racing this one recorded the device first: it is the one that tells.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
