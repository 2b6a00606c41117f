import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { errorCode } from '../support/graphql-client';
import { OPS, PASSWORD, uniqueEmail } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const HOUR_MS = 60 * 60_000;
const LIMIT = 3;

/** Registrations from one address in an hour are limited (REGISTER_LIMIT_PER_IP). */
describe('ASVS V11.1.4 (5.0 V2.4.1): registration limited per IP per hour', () => {
  let t: TestApp;
  beforeAll(async () => {
    // TRUST_PROXY lets each test speak from an address of its own through X-Forwarded-For.
    t = await startTestApp({ REGISTER_LIMIT_PER_IP: String(LIMIT), TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  let lastOctet = 0;
  const newAddress = () => `203.0.113.${++lastOctet}`;
  const register = (ip: string, email = uniqueEmail('reg'), password = PASSWORD) =>
    t.client.request(OPS.REGISTER, { email, password }, { 'x-forwarded-for': ip });
  const usersNamed = (email: string) => t.app.dataSource.getRepository(UserEntity).countBy({ email });

  it('the registration past REGISTER_LIMIT_PER_IP in an hour answers TOO_MANY_ATTEMPTS (REGISTER_LIMIT) with retryAfterSeconds, and creates nothing', async () => {
    const ip = newAddress();
    for (let i = 0; i < LIMIT; i++) expect((await register(ip)).errors).toBeUndefined();
    t.clock.advance(10 * 60_000);
    const email = uniqueEmail('refused');
    const refused = await register(ip, email);
    expect(refused.data).toBeNull();
    expect(errorCode(refused)).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'REGISTER_LIMIT', retryAfterSeconds: 50 * 60 });
    expect(refused.errors![0]!.message).toBe('Too many accounts were created from your network. Try again later.');
    expect(await usersNamed(email)).toBe(0);
  });

  it('the count ends an hour after the first registration (the window moves with the clock)', async () => {
    const ip = newAddress();
    for (let i = 0; i < LIMIT; i++) await register(ip);
    t.clock.advance(HOUR_MS - 1_000);
    expect((await register(ip)).errors![0]!.extensions).toMatchObject({ reason: 'REGISTER_LIMIT', retryAfterSeconds: 1 });
    t.clock.advance(1_000);
    expect((await register(ip)).errors).toBeUndefined();
  });

  it('each aliased register field counts: the ones past the limit are refused and create nothing', async () => {
    const ip = newAddress();
    const emails = Array.from({ length: LIMIT + 2 }, () => uniqueEmail('alias'));
    const fields = emails.map((email, i) => `r${i}: register(email: "${email}", password: "${PASSWORD}") { user { id } }`).join('\n');
    const res = await t.client.request(`mutation { ${fields} }`, {}, { 'x-forwarded-for': ip });
    expect(res.errors!.map((e) => e.extensions!.reason)).toEqual(['REGISTER_LIMIT']);
    const created = await Promise.all(emails.map(usersNamed));
    expect(created).toEqual([...Array<number>(LIMIT).fill(1), 0, 0]);
  });

  it('registrations racing from one address: exactly REGISTER_LIMIT_PER_IP of them succeed', async () => {
    const ip = newAddress();
    const racing = await Promise.all(Array.from({ length: LIMIT * 3 }, () => register(ip)));
    expect(racing.filter((r) => !r.errors)).toHaveLength(LIMIT);
    for (const loser of racing.filter((r) => r.errors)) expect(loser.errors![0]!.extensions!.reason).toBe('REGISTER_LIMIT');
  });

  it('only registrations that pass input validation are counted', async () => {
    const ip = newAddress();
    for (let i = 0; i < LIMIT * 2; i++) {
      expect(errorCode(await register(ip, 'not-an-address'))).toBe('BAD_USER_INPUT');
      expect(errorCode(await register(ip, uniqueEmail('short'), 'short'))).toBe('BAD_USER_INPUT');
    }
    for (let i = 0; i < LIMIT; i++) expect((await register(ip)).errors).toBeUndefined();
    expect(errorCode(await register(ip))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a taken address is counted too, so probing which addresses have accounts is limited as well', async () => {
    const ip = newAddress();
    const email = uniqueEmail('taken');
    expect((await register(ip, email)).errors).toBeUndefined();
    for (let i = 1; i < LIMIT; i++) expect((await register(ip, email)).errors![0]!.extensions!.field).toBe('email');
    expect((await register(ip, email)).errors![0]!.extensions!.reason).toBe('REGISTER_LIMIT');
  });

  it('each address has its own count', async () => {
    const [first, second] = [newAddress(), newAddress()];
    for (let i = 0; i < LIMIT; i++) await register(first);
    expect(errorCode(await register(first))).toBe('TOO_MANY_ATTEMPTS');
    expect((await register(second)).errors).toBeUndefined();
  });

  it('REGISTER_LIMIT_PER_IP=0 turns the limit off', async () => {
    await t.restart({ REGISTER_LIMIT_PER_IP: '0', TRUST_PROXY: 'true' });
    const ip = newAddress();
    for (let i = 0; i < LIMIT + 3; i++) expect((await register(ip)).errors).toBeUndefined();
  });
});
