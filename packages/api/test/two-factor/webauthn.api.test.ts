import { EnrollmentState, TwoFactorEnrollmentEntity } from '../../src/modules/two-factor/entities/two-factor-enrollment.entity';
import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { readOutbox } from '../../src/delivery/outbox/outbox';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { OPS, PASSWORD, loginChallenge, nextTotpStep, registerUser, totpNow, type SignedInUser } from '../support/flows';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { TEST_DATABASE, startTestApp, type TestApp } from '../support/test-app';

const ENABLE = `mutation Enable($input: EnableTwoFactorInput!) {
  enableTwoFactor(input: $input) {
    __typename
    ... on SecurityKeyRegistration { optionsJSON expiresAt }
    ... on TotpSetup { secret }
  }
}`;
const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on TwoFactorChallenge { challengeId method sendsCodes proof codeSent maskedDestination webAuthnOptionsJSON }
  }
}`;
const KEYS = `{ twoFactorSettings { enabled method securityKeys { id name lastUsedAt } methods { method sendsCodes proof } } }`;
const START_PROOF = `mutation { startSecurityKeyProof }`;
const REMOVE = `mutation Remove($id: ID!, $proof: String!) { removeSecurityKey(id: $id, proof: $proof) { securityKeys { name } } }`;
const REGISTERED = 'Security key successfully registered. 2FA method will be set to security key';

/** Security keys and passkeys, end to end over HTTP, checked by the real WebAuthn library against a software key. */
describe(`security keys (WEBAUTHN) on ${TEST_DATABASE}`, () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp();
    origin = t.config.twoFactor.webAuthn.origins[0]!;
  });
  afterAll(() => t.close());

  async function registerKey(user: SignedInUser, key: SoftAuthenticator, input: Record<string, unknown> = {}) {
    const setup = await user.client.request(ENABLE, { input: { method: 'WEBAUTHN', keyName: 'YubiKey', ...input } });
    if (setup.errors) throw new Error(JSON.stringify(setup.errors));
    expect(setup.data!.enableTwoFactor.__typename).toBe('SecurityKeyRegistration');
    return user.client.request(OPS.VERIFY, { code: key.register(setup.data!.enableTwoFactor.optionsJSON) });
  }

  async function withKey(label = 'key', key = new SoftAuthenticator({ origin })) {
    const user = await registerUser(t, label);
    const verified = await registerKey(user, key);
    expect(verified.errors).toBeUndefined();
    return { user, key, recoveryCodes: verified.data!.verifyTwoFactor.recoveryCodes as string[] };
  }

  async function signInChallenge(email: string) {
    const res = await t.client.request(LOGIN, { email, password: PASSWORD });
    expect(res.data!.login.__typename).toBe('TwoFactorChallenge');
    return res.data!.login as { challengeId: string; webAuthnOptionsJSON: string; method: string; sendsCodes: boolean; proof: string };
  }

  const proofFrom = async (user: SignedInUser, key: SoftAuthenticator) =>
    key.sign((await user.client.request(START_PROOF)).data!.startSecurityKeyProof as string);

  it('registers a named key with the guide-style message, and asks for it at sign-in', async () => {
    const user = await registerUser(t, 'enroll');
    const noName = await user.client.request(ENABLE, { input: { method: 'WEBAUTHN' } });
    expect(noName.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'keyName' });

    const key = new SoftAuthenticator({ origin });
    const verified = await registerKey(user, key);
    expect(verified.data!.verifyTwoFactor).toMatchObject({ message: REGISTERED, settings: { enabled: true, method: 'WEBAUTHN' } });
    expect(verified.data!.verifyTwoFactor.recoveryCodes).toHaveLength(10);
    const settings = await user.client.request(KEYS);
    expect(settings.data!.twoFactorSettings.securityKeys).toEqual([{ id: expect.any(String), name: 'YubiKey', lastUsedAt: null }]);
    expect(settings.data!.twoFactorSettings.methods).toContainEqual({ method: 'WEBAUTHN', sendsCodes: false, proof: 'SECURITY_KEY' });

    const challenge = await signInChallenge(user.email);
    expect(challenge).toMatchObject({ method: 'WEBAUTHN', sendsCodes: false, proof: 'SECURITY_KEY', maskedDestination: null });
    const options = JSON.parse(challenge.webAuthnOptionsJSON);
    expect(options).toMatchObject({ rpId: 'localhost', allowCredentials: [{ id: key.id, type: 'public-key' }] });

    const session = await t.client.request(OPS.CHALLENGE, {
      challengeId: challenge.challengeId,
      code: key.sign(challenge.webAuthnOptionsJSON),
    });
    expect(session.data!.verifyLoginChallenge.user.email).toBe(user.email);
    expect((await user.client.request(KEYS)).data!.twoFactorSettings.securityKeys[0].lastUsedAt).not.toBeNull();
    // Nothing to resend: the method sends no codes.
    const resend = await t.client.request(OPS.RESEND_LOGIN, { challengeId: (await signInChallenge(user.email)).challengeId });
    expect(resend.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses a wrong signature, another origin, a six-digit code and an answer to another sign-in', async () => {
    const { user, key } = await withKey('refusals');
    const first = await signInChallenge(user.email);
    const second = await signInChallenge(user.email);
    const refused = async (code: string) => {
      const res = await t.client.request(OPS.CHALLENGE, { challengeId: second.challengeId, code });
      return res.errors?.[0]?.extensions?.code;
    };
    expect(await refused(key.sign(second.webAuthnOptionsJSON, { tamper: true }))).toBe('INVALID_CODE');
    expect(await refused(key.sign(second.webAuthnOptionsJSON, { origin: 'https://evil.example' }))).toBe('INVALID_CODE');
    expect(await refused('123456')).toBe('INVALID_CODE');
    expect(await refused(key.sign(first.webAuthnOptionsJSON))).toBe('INVALID_CODE');
    // The right answer to this sign-in still works (four tries were wrong, the fifth is right).
    expect(
      errorCode(await t.client.request(OPS.CHALLENGE, { challengeId: second.challengeId, code: key.sign(second.webAuthnOptionsJSON) })),
    ).toBeUndefined();
  });

  it('refuses a key whose counter went back (a clone), and takes a key that keeps no counter again and again', async () => {
    const { user, key } = await withKey('clone');
    const challenge = await signInChallenge(user.email);
    key.counter = 0;
    const cloned = await t.client.request(OPS.CHALLENGE, {
      challengeId: challenge.challengeId,
      code: key.sign(challenge.webAuthnOptionsJSON),
    });
    expect(errorCode(cloned)).toBe('INVALID_CODE');

    const passkey = new SoftAuthenticator({ origin, counterStep: 0 });
    const { user: synced } = await withKey('passkey', passkey);
    for (let i = 0; i < 2; i++) {
      const next = await signInChallenge(synced.email);
      const res = await t.client.request(OPS.CHALLENGE, { challengeId: next.challengeId, code: passkey.sign(next.webAuthnOptionsJSON) });
      expect(res.errors).toBeUndefined();
    }
  });

  it('opens a sign-in with a recovery code, as for every method', async () => {
    const { user, recoveryCodes } = await withKey('recovery');
    const challenge = await signInChallenge(user.email);
    const res = await t.client.request(OPS.CHALLENGE, { challengeId: challenge.challengeId, code: recoveryCodes[0] });
    expect(res.data!.verifyLoginChallenge.user.email).toBe(user.email);
  });

  it('gives one session for one signed answer sent ten times at once', async () => {
    const { user, key } = await withKey('race');
    const challenge = await signInChallenge(user.email);
    const answer = key.sign(challenge.webAuthnOptionsJSON);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.client.request(OPS.CHALLENGE, { challengeId: challenge.challengeId, code: answer })),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.errors)) {
      expect(['INVALID_CODE', 'UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS']).toContain(errorCode(loser));
    }
  });

  it('spends a fresh proof once when it is sent several times at once', async () => {
    const { user, key } = await withKey('proof-race');
    const proof = await proofFrom(user, key);
    const answers: GraphQLResponse[] = await Promise.all(
      Array.from({ length: 5 }, () => user.client.request(OPS.REGENERATE, { code: proof })),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.errors)) expect(errorCode(loser)).toBe('INVALID_CODE');
  });

  it('adds a second key and removes one with a fresh proof, and never removes the last', async () => {
    const { user, key } = await withKey('two-keys');
    const spare = new SoftAuthenticator({ origin });
    const withoutProof = await user.client.request(ENABLE, { input: { method: 'WEBAUTHN', keyName: 'Spare' } });
    expect(withoutProof.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'proof' });

    const setup = await user.client.request(ENABLE, { input: { method: 'WEBAUTHN', keyName: 'Spare', proof: await proofFrom(user, key) } });
    const options = JSON.parse(setup.data!.enableTwoFactor.optionsJSON);
    // The key already registered is not registered twice.
    expect(options.excludeCredentials).toEqual([expect.objectContaining({ id: key.id })]);
    const added = await user.client.request(OPS.VERIFY, { code: spare.register(setup.data!.enableTwoFactor.optionsJSON) });
    expect(added.data!.verifyTwoFactor).toMatchObject({ message: REGISTERED, recoveryCodes: null, settings: { method: 'WEBAUTHN' } });
    const keys = (await user.client.request(KEYS)).data!.twoFactorSettings.securityKeys as Array<{ id: string; name: string }>;
    expect(keys.map((k) => k.name)).toEqual(['YubiKey', 'Spare']);

    // Either key signs a sign-in.
    const challenge = await signInChallenge(user.email);
    const viaSpare = await t.client.request(OPS.CHALLENGE, {
      challengeId: challenge.challengeId,
      code: spare.sign(challenge.webAuthnOptionsJSON),
    });
    expect(viaSpare.errors).toBeUndefined();

    const removed = await user.client.request(REMOVE, { id: keys[0]!.id, proof: await proofFrom(user, spare) });
    expect(removed.data!.removeSecurityKey.securityKeys).toEqual([{ name: 'Spare' }]);
    // The last key stays, and the refusal comes before the proof is looked at.
    const last = await user.client.request(REMOVE, { id: keys[1]!.id, proof: await proofFrom(user, spare) });
    expect(last.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LAST_SECURITY_KEY' });

    // The owner is told of each key added or removed, by its name.
    const notices = (await readOutbox(t.config.delivery.outboxPath)).filter(
      (r) => r.to === user.email && /security key/.test(r.subject ?? ''),
    );
    expect(notices.map((n) => n.subject)).toEqual(['HOSTKEY: security key added', 'HOSTKEY: security key removed']);
    expect(notices[0]!.text).toContain('A security key or passkey named "Spare" was added');
    expect(notices[1]!.text).toContain('A security key or passkey named "YubiKey" was removed');
  });

  it('switches to TOTP and disables with the key as proof, keeping exactly one method', async () => {
    const { user, key } = await withKey('switch');
    const setup = await user.client.request(ENABLE, { input: { method: 'TOTP', proof: await proofFrom(user, key) } });
    const secret = setup.data!.enableTwoFactor.secret as string;
    nextTotpStep(t);
    const switched = await user.client.request(OPS.VERIFY, { code: totpNow(t, secret) });
    expect(switched.data!.verifyTwoFactor.settings.method).toBe('TOTP');
    const { id: userId } = await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email: user.email });
    const rows = await t.app.dataSource.getRepository(TwoFactorEnrollmentEntity).findBy({ userId });
    expect(rows.map((r) => [r.method, r.state])).toEqual([['TOTP', EnrollmentState.ACTIVE]]);
    // The keys went with the method.
    expect((await user.client.request(KEYS)).data!.twoFactorSettings.securityKeys).toEqual([]);
    expect(errorCode(await user.client.request(START_PROOF))).toBe('BAD_USER_INPUT');

    const again = await registerUser(t, 'disable');
    const second = new SoftAuthenticator({ origin });
    await registerKey(again, second);
    const disabled = await again.client.request(OPS.DISABLE, { code: await proofFrom(again, second) });
    expect(disabled.data!.disableTwoFactor).toMatchObject({
      message: 'Your 2FA settings have been successfully deleted.',
      settings: { enabled: false },
    });
    expect(await loginChallenge(t, again.email).catch((error: Error) => error.message)).toMatch(/expected a challenge/);
  });
});
