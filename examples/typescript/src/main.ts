/**
 * From nothing to a user with TOTP and back, as docs/getting-started.md walks it in curl:
 * register, enable TOTP, verify, sign out, sign in through the challenge, sign in with a recovery
 * code, give a script an API token that pages through the security log, disable. `API` names the endpoint (default http://localhost:4000/graphql). Exits non-zero
 * when any step does not answer as documented.
 */
import assert from 'node:assert/strict';
import { Authenticator } from './authenticator';
import { LatchkeyClient, LatchkeyError } from './client';
import {
  CreateApiTokenDocument,
  DisableTwoFactorDocument,
  EnableTwoFactorDocument,
  LoginDocument,
  LogoutDocument,
  MeDocument,
  RegisterDocument,
  SecurityLogDocument,
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

  console.log('an API token for a script, with a recovery code as the fresh proof');
  const { createApiToken } = await session.request(CreateApiTokenDocument, {
    name: 'typescript example',
    scopes: ['READ'],
    expiresInDays: 30,
    proof: recoveryCodes[1]!,
  });
  const script = api.withToken(createApiToken.token);
  // A page at a time, newest first: each page's endCursor asks for the entries after it.
  let page = (await script.request(SecurityLogDocument, { first: 3 })).securityLog;
  let entries = page.edges.length;
  while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
    page = (await script.request(SecurityLogDocument, { first: 3, after: page.pageInfo.endCursor })).securityLog;
    entries += page.edges.length;
  }
  console.log(`  the script read ${entries} security log entries, a page at a time`);
  try {
    await script.request(DisableTwoFactorDocument, { code: '000000' });
    assert.fail('an API token changed 2FA');
  } catch (error) {
    if (!(error instanceof LatchkeyError) || error.reason !== 'TOKEN_SCOPE') throw error;
    console.log(`  a token only reads: ${error.code} (${error.reason}), HTTP ${error.httpStatus}`);
  }

  console.log('disable');
  const { disableTwoFactor } = await session.request(DisableTwoFactorDocument, { code: await phone.nextCode() });
  assert.equal(disableTwoFactor.settings.enabled, false);
  console.log(`  ${disableTwoFactor.message}`);
  try {
    await script.request(MeDocument);
    assert.fail('the API token outlived 2FA');
  } catch (error) {
    if (!(error instanceof LatchkeyError) || error.reason !== 'API_TOKEN_ENDED') throw error;
    console.log(`  the token ended with 2FA: ${error.reason}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
