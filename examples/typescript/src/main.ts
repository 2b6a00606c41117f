/**
 * From nothing to a user with TOTP and back, as docs/getting-started.md walks it in curl:
 * register, enable TOTP, verify, sign out, sign in through the challenge, sign in with a recovery
 * code, disable. `API` names the endpoint (default http://localhost:4000/graphql). Exits non-zero
 * when any step does not answer as documented.
 */
import assert from 'node:assert/strict';
import { Authenticator } from './authenticator';
import { LatchkeyClient, LatchkeyError } from './client';
import {
  DisableTwoFactorDocument,
  EnableTwoFactorDocument,
  LoginDocument,
  LogoutDocument,
  RegisterDocument,
  TwoFactorSettingsDocument,
  VerifyLoginChallengeDocument,
  VerifyTwoFactorDocument,
} from './generated/graphql';

const api = new LatchkeyClient(process.env.API ?? 'http://localhost:4000/graphql');
const email = process.env.EMAIL ?? `example.${Date.now()}@example.com`;
const password = 'correct horse battery staple';

/**
 * A password sign-in: a session at once, or a challenge answered with the code `secondFactor`
 * gives (a TOTP code, or a recovery code). Every LoginResult is handled, so a new one in the
 * schema is a compile error here, not a surprise at run time.
 */
async function signIn(secondFactor: () => Promise<string>): Promise<LatchkeyClient> {
  const { login } = await api.request(LoginDocument, { email, password });
  switch (login.__typename) {
    case 'AuthPayload':
      return api.withToken(login.token);
    case 'TwoFactorChallenge': {
      console.log(`  challenge ${login.challengeId}: ${login.method} code, until ${login.expiresAt}`);
      const { verifyLoginChallenge } = await api.request(VerifyLoginChallengeDocument, {
        challengeId: login.challengeId,
        code: await secondFactor(),
      });
      return api.withToken(verifyLoginChallenge.token);
    }
  }
}

async function main(): Promise<void> {
  console.log(`register ${email}`);
  const { register } = await api.request(RegisterDocument, { email, password });
  let session = api.withToken(register.token);

  console.log('enable TOTP');
  const { enableTwoFactor: setup } = await session.request(EnableTwoFactorDocument, { input: { method: 'TOTP' } });
  assert.equal(setup.__typename, 'TotpSetup');
  console.log(`  scan ${setup.otpauthUri}`);
  const phone = new Authenticator(setup.secret);

  console.log('verify');
  const { verifyTwoFactor } = await session.request(VerifyTwoFactorDocument, { code: await phone.nextCode() });
  console.log(`  ${verifyTwoFactor.message}`);
  const recoveryCodes = verifyTwoFactor.recoveryCodes ?? [];
  assert.equal(recoveryCodes.length, 10);

  console.log('sign out');
  assert.equal((await session.request(LogoutDocument)).logout, true);

  console.log('sign in through the challenge, with a wrong code first');
  try {
    await signIn(async () => '000000');
    assert.fail('a wrong code was accepted');
  } catch (error) {
    // Decide by code and reason, never by the message.
    if (!(error instanceof LatchkeyError) || error.code !== 'INVALID_CODE') throw error;
    console.log(`  refused: ${error.code}`);
  }
  session = await signIn(() => phone.nextCode());
  await session.request(LogoutDocument);

  console.log('sign in with a recovery code');
  session = await signIn(async () => recoveryCodes[0]!);
  const { twoFactorSettings } = await session.request(TwoFactorSettingsDocument);
  assert.equal(twoFactorSettings.recoveryCodesRemaining, 9);
  console.log(`  ${twoFactorSettings.recoveryCodesRemaining} recovery codes left`);

  console.log('disable');
  const { disableTwoFactor } = await session.request(DisableTwoFactorDocument, { code: await phone.nextCode() });
  assert.equal(disableTwoFactor.settings.enabled, false);
  console.log(`  ${disableTwoFactor.message}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
