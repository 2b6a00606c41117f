import { referenceTotp } from '@latchkey/api/test/support/reference-totp';
import { PASSWORD, TOTP_SECRET, challengeId, emailOf, sessionToken } from './fixtures';

/** The timed operations. Each names the GraphQL document a client sends and how its requests vary. */
export const SCENARIOS = {
  S1: {
    title: '`{ twoFactorSettings { enabled method } }` with a bearer token',
    short: 'S1 twoFactorSettings',
    query: '{ twoFactorSettings { enabled method } }',
  },
  S2: {
    title: '`verifyLoginChallenge` with a valid TOTP code, a fresh challenge each',
    short: 'S2 verifyLoginChallenge',
    query: 'mutation Verify($challengeId: ID!, $code: String!) { verifyLoginChallenge(challengeId: $challengeId, code: $code) { token } }',
  },
  S3: {
    title: '`login` with the right password (argon2id), no 2FA',
    short: 'S3 login',
    query:
      'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { __typename ... on AuthPayload { token } } }',
  },
} as const;
export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** The users a run seeds for each scenario (S2's pool grows as the rounds need it). */
export const SETTINGS_USERS = 100;
export const LOGIN_USERS = 200;

export interface GraphQLRequest {
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

let codeOfStep = { step: -1, code: '' };

/**
 * The TOTP code an authenticator shows now for every bench user (they share one secret), worked
 * out once per 30-second step: the load generator asks for it with every S2 request.
 */
export function currentCode(nowMs = Date.now()): string {
  const step = Math.floor(nowMs / 30_000);
  if (step !== codeOfStep.step) codeOfStep = { step, code: referenceTotp(TOTP_SECRET, step * 30) };
  return codeOfStep.code;
}

/**
 * The n-th request of a scenario. S1 and S3 go round their users; S2 takes challenge `n` (each is
 * spent by its success, and its user's code step with it).
 */
export function requestFor(scenario: ScenarioName, n: number, users: number): GraphQLRequest {
  const { query } = SCENARIOS[scenario];
  switch (scenario) {
    case 'S1':
      return {
        headers: { ...JSON_HEADERS, authorization: `Bearer ${sessionToken('settings', n % users)}` },
        body: JSON.stringify({ query }),
      };
    case 'S2':
      return { headers: JSON_HEADERS, body: JSON.stringify({ query, variables: { challengeId: challengeId(n), code: currentCode() } }) };
    case 'S3':
      return {
        headers: JSON_HEADERS,
        body: JSON.stringify({ query, variables: { email: emailOf('login', n % users), password: PASSWORD } }),
      };
  }
}
