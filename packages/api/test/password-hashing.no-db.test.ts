import { PasswordHasher } from '../src/modules/auth/password';

describe('ASVS V2.4.1 (5.0 V11.4.2): password and recovery-code hashing', () => {
  it("hashes with argon2id at OWASP's baseline by default: 19 MiB, 2 passes, 1 lane, a salt of its own", async () => {
    const standard = new PasswordHasher();
    const [first, second] = await Promise.all([standard.hash('a good password'), standard.hash('a good password')]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(second).not.toBe(first);
    expect(await standard.verify(first, 'a good password')).toBe(true);
    expect(await standard.verify(first, 'a good passwore')).toBe(false);
    expect(await standard.verify('not a hash', 'a good password')).toBe(false);
    expect(await standard.verifyAgainstDecoy('a good password')).toBe(false);
  });

  it('reads the cost from each hash: hashes of either cost verify under the other hasher', async () => {
    const standard = new PasswordHasher('standard');
    const cheap = new PasswordHasher('test');
    const cheapHash = await cheap.hash('a good password');
    expect(cheapHash).toMatch(/^\$argon2id\$v=19\$m=64,p=1,t=1\$/);
    expect(await standard.verify(cheapHash, 'a good password')).toBe(true);
    expect(await cheap.verify(await standard.hash('a good password'), 'a good password')).toBe(true);
  });
});
