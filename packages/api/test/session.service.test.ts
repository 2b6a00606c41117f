import { randomUUID } from 'node:crypto';
import { UserEntity } from '../src/modules/auth/entities/user.entity';
import { Role } from '../src/modules/auth/role';
import { SessionService, hashToken } from '../src/modules/auth/session.service';
import { SessionSecondFactor } from '../src/modules/auth/session-second-factor';
import { ManualClock } from '../src/shared/clock';
import { startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;
const CLIENT = { ip: '203.0.113.9', userAgent: 'jest' };

describe('SessionService with a fixed clock', () => {
  let t: TestApp;
  let clock: ManualClock;
  let sessions: SessionService;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp();
    clock = new ManualClock(Date.UTC(2026, 5, 1, 9, 0, 0));
    sessions = new SessionService(t.app.dataSource, clock, { idleTimeoutMs: 30 * MINUTE, absoluteTimeoutMs: 12 * 60 * MINUTE });
    userId = randomUUID();
    await t.app.dataSource.getRepository(UserEntity).insert({
      id: userId,
      email: 'sessions@example.com',
      passwordHash: 'unused',
      role: Role.CUSTOMER,
      createdAt: clock.now(),
    });
  });
  afterAll(() => t.close());

  it('issues a 32-byte random token and stores its SHA-256, the client, and both ends', async () => {
    const { token, session } = await sessions.issue(userId, CLIENT, { kind: SessionSecondFactor.NONE });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(session.tokenHash).toBe(hashToken(token));
    expect(session).toMatchObject({ userId, ip: CLIENT.ip, userAgent: 'jest', revokedAt: null });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 60 * MINUTE);
  });

  it('is live until 30 idle minutes have passed, counting from the last use', async () => {
    const { token } = await sessions.issue(userId, CLIENT, { kind: SessionSecondFactor.NONE });
    clock.advance(30 * MINUTE - 1);
    expect((await sessions.lookup(token)).status).toBe('valid'); // this use moves lastSeenAt
    clock.advance(30 * MINUTE - 1);
    expect((await sessions.lookup(token)).status).toBe('valid');
    clock.advance(30 * MINUTE);
    expect((await sessions.lookup(token)).status).toBe('dead');
  });

  it('writes lastSeenAt at most once a minute', async () => {
    const { token, session } = await sessions.issue(userId, CLIENT, { kind: SessionSecondFactor.NONE });
    clock.advance(30_000);
    const early = await sessions.lookup(token);
    expect(early.status === 'valid' && early.session.lastSeenAt).toEqual(session.lastSeenAt);
    clock.advance(30_000);
    const later = await sessions.lookup(token);
    expect(later.status === 'valid' && later.session.lastSeenAt).toEqual(clock.now());
  });

  it('ends at the absolute timeout however active', async () => {
    const { token } = await sessions.issue(userId, CLIENT, { kind: SessionSecondFactor.NONE });
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      clock.advance(10 * MINUTE);
      expect((await sessions.lookup(token)).status).toBe('valid');
    }
    clock.advance(10 * MINUTE);
    expect((await sessions.lookup(token)).status).toBe('dead');
  });

  it('is dead once revoked, and an unknown token is dead', async () => {
    const { token, session } = await sessions.issue(userId, CLIENT, { kind: SessionSecondFactor.NONE });
    await sessions.revoke(session.id);
    expect((await sessions.lookup(token)).status).toBe('dead');
    expect((await sessions.lookup('unknown')).status).toBe('dead');
  });
});
