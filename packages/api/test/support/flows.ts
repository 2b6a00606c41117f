import { readOutbox } from '../../src/delivery/outbox/outbox';
import { referenceTotp } from './reference-totp';
import type { GraphQLClient } from './graphql-client';
import { rememberSecret } from './secrets-seen';
import type { TestApp } from './test-app';

/** The operations the panel and integrators use, as tests send them. */
export const OPS = {
  REGISTER: `mutation Register($email: String!, $password: String!) { register(email: $email, password: $password) { token user { id email } } }`,
  LOGIN: `mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on AuthPayload { token user { email } }
      ... on TwoFactorChallenge { challengeId method maskedDestination expiresAt codeSent resendAvailableAt }
    }
  }`,
  SETTINGS: `query Settings { twoFactorSettings { enabled method maskedDestination recoveryCodesRemaining promptToEnable required pending { method maskedDestination expiresAt } } }`,
  ENABLE: `mutation Enable($input: EnableTwoFactorInput!) {
    enableTwoFactor(input: $input) {
      __typename
      ... on TotpSetup { secret otpauthUri qrCodeDataUrl expiresAt }
      ... on CodeSent { message maskedDestination expiresAt resendAvailableAt }
    }
  }`,
  VERIFY: `mutation Verify($code: String!) { verifyTwoFactor(code: $code) { message recoveryCodes settings { enabled method maskedDestination recoveryCodesRemaining } } }`,
  DISABLE: `mutation Disable($code: String!) { disableTwoFactor(code: $code) { message settings { enabled method } } }`,
  RESEND_ENROLLMENT: `mutation { resendEnrollmentCode { message maskedDestination resendAvailableAt } }`,
  PROOF_CODE: `mutation { sendTwoFactorProofCode { message maskedDestination } }`,
  REGENERATE: `mutation Regenerate($code: String!) { regenerateRecoveryCodes(code: $code) { recoveryCodes settings { recoveryCodesRemaining } } }`,
  DISMISS: `mutation { dismissTwoFactorPrompt { promptToEnable } }`,
  CHALLENGE: `mutation Challenge($challengeId: ID!, $code: String!) { verifyLoginChallenge(challengeId: $challengeId, code: $code) { token user { email } } }`,
  RESEND_LOGIN: `mutation Resend($challengeId: ID!) { resendLoginCode(challengeId: $challengeId) { challengeId codeSent resendAvailableAt maskedDestination } }`,
  ME: `query { me { email } }`,
  LOGOUT: `mutation { logout }`,
  EVENTS: `query Events($first: Int) { securityEvents(first: $first) { type method ip createdAt } }`,
  VERIFY_EMAIL: `mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }`,
} as const;

export const PASSWORD = 'correct horse battery';
let counter = 0;
export const uniqueEmail = (label = 'user') => `${label}.${process.pid}.${++counter}@example.com`;

export interface SignedInUser {
  email: string;
  token: string;
  client: GraphQLClient;
}

/**
 * Registers an account and opens the verification link it was e-mailed, as its owner would
 * (notices go only to a verified address): unless `verified: false`, or the link went to a real
 * provider's stub instead of the dev outbox.
 */
export async function registerUser(t: TestApp, label = 'user', options: { verified?: boolean } = {}): Promise<SignedInUser> {
  const email = uniqueEmail(label);
  const res = await t.client.request(OPS.REGISTER, { email, password: PASSWORD });
  if (res.errors) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const token = res.data!.register.token as string;
  const verified = options.verified ?? t.config.delivery.email.provider === 'outbox';
  if (verified) await followEmailLink(t.client, t.config.delivery.outboxPath, email);
  return { email, token, client: t.client.withToken(token) };
}

/** The token of the newest link e-mailed to `to` (the dev outbox records it as the message's code). */
export async function latestLinkTo(outboxPath: string, to: string): Promise<string> {
  const record = (await readOutbox(outboxPath)).reverse().find((r) => r.to === to && r.code && /^[A-Za-z0-9_-]{43}$/.test(r.code));
  if (!record?.code) throw new Error(`no link was e-mailed to ${to}`);
  rememberSecret(record.code);
  return record.code;
}

/** Opens the newest verification link e-mailed to `to`, with any client (no session needed). */
export async function followEmailLink(client: GraphQLClient, outboxPath: string, to: string): Promise<void> {
  const res = await client.request(OPS.VERIFY_EMAIL, { token: await latestLinkTo(outboxPath, to) });
  if (res.errors) throw new Error(`verifyEmail failed: ${JSON.stringify(res.errors)}`);
}

/** The code an authenticator app shows now, computed independently of otplib. */
export const totpNow = (t: TestApp, secret: string, offsetSeconds = 0) =>
  referenceTotp(secret, Math.floor(t.clock.now().getTime() / 1000) + offsetSeconds);

/** Moves the clock to the start of the next 30-second step, so a fresh TOTP code exists. */
export function nextTotpStep(t: TestApp): void {
  const ms = t.clock.now().getTime();
  t.clock.set(ms - (ms % 30_000) + 30_000);
}

/** Enables TOTP for a signed-in user; answers the secret and the recovery codes. */
export async function enableTotp(t: TestApp, user: SignedInUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } });
  if (setup.errors) throw new Error(`enable failed: ${JSON.stringify(setup.errors)}`);
  const secret = setup.data!.enableTwoFactor.secret as string;
  const verified = await user.client.request(OPS.VERIFY, { code: totpNow(t, secret) });
  if (verified.errors) throw new Error(`verify failed: ${JSON.stringify(verified.errors)}`);
  return { secret, recoveryCodes: verified.data!.verifyTwoFactor.recoveryCodes };
}

export async function loginChallenge(t: TestApp, email: string) {
  const res = await t.client.request(OPS.LOGIN, { email, password: PASSWORD });
  if (res.data?.login.__typename !== 'TwoFactorChallenge') throw new Error(`expected a challenge: ${JSON.stringify(res)}`);
  return { ...(res.data.login as { challengeId: string; method: string; maskedDestination: string | null }), response: res };
}
