import { randomBytes } from 'node:crypto';
import { reencryptSecrets } from '../../src/modules/two-factor/methods/totp/secret-rotation';
import { TotpSecretEntity } from '../../src/modules/two-factor/methods/totp/totp-secret.entity';
import { SecretBox } from '../../src/shared/secret-box';
import { OPS, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const b64 = (key: Buffer) => key.toString('base64');

describe('rotating ENCRYPTION_KEY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ENCRYPTION_KEY: b64(OLD_KEY) });
  });
  afterAll(() => t.close());

  it('keeps TOTP working through a new key, the old one still read, and a re-encryption', async () => {
    const user = await registerUser(t);
    const { secret } = await enableTotp(t, user);
    const signIn = async () => {
      nextTotpStep(t);
      const { challengeId } = await loginChallenge(t, user.email);
      return t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, secret) });
    };
    const storedSecrets = async () => (await t.app.dataSource.getRepository(TotpSecretEntity).findBy({})).map((e) => e.secretCiphertext);

    // The secret is stored sealed, not in the clear.
    const [sealedWithOld] = await storedSecrets();
    expect(sealedWithOld).toMatch(/^v1\.[A-Za-z0-9_-]{8}\./);
    expect(sealedWithOld).not.toContain(secret);

    // A new key alone cannot read the old secrets: the check fails closed, masked.
    await t.restart({ ENCRYPTION_KEY: b64(NEW_KEY) });
    const unreadable = await signIn();
    expect(unreadable.errors![0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'UNEXPECTED' },
    });
    expect(t.logs()).toContain('unknown key');

    // The new key with the old one listed as previous: sign-in works.
    await t.restart({ ENCRYPTION_KEY: b64(NEW_KEY), ENCRYPTION_KEY_PREVIOUS: b64(OLD_KEY) });
    expect((await signIn()).data!.verifyLoginChallenge.user.email).toBe(user.email);

    // Re-encrypt, twice (the second run has nothing to do), then the old key can go.
    const box = new SecretBox(NEW_KEY, [OLD_KEY]);
    expect(await reencryptSecrets(t.app.dataSource, box)).toEqual({ resealed: 1, current: 0 });
    expect(await reencryptSecrets(t.app.dataSource, box)).toEqual({ resealed: 0, current: 1 });
    const [sealedWithNew] = await storedSecrets();
    expect(sealedWithNew!.split('.')[1]).not.toBe(sealedWithOld!.split('.')[1]);

    await t.restart({ ENCRYPTION_KEY: b64(NEW_KEY) });
    expect((await signIn()).data!.verifyLoginChallenge.user.email).toBe(user.email);
  });

  it('keeps e-mail codes sent just before the rotation valid', async () => {
    await t.restart({ ENCRYPTION_KEY: b64(OLD_KEY) });
    const user = await registerUser(t);
    const address = `rotation.${Date.now()}@example.com`;
    await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    const code = (await t.lastMessageTo(address)).code;
    await t.restart({ ENCRYPTION_KEY: b64(NEW_KEY), ENCRYPTION_KEY_PREVIOUS: b64(OLD_KEY) });
    const client = t.client.withToken(user.token);
    expect((await client.request(OPS.VERIFY, { code })).data!.verifyTwoFactor.settings.method).toBe('EMAIL');
  });
});
