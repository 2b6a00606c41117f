import { PASSWORD } from './browser';
import { GraphQLClient } from './graphqlClient';
import { codeOfStepBeforeNow } from './totp';

/** An account whose TOTP was turned on through the API, and the time step its set-up used up to. */
export interface TotpAccount {
  secret: string;
  /** Codes of this step and later are still fresh for the browser. */
  step: number;
}

/**
 * Accounts prepared through the API, for browser tests about the screens that come after. TOTP is
 * turned on with the code of the step before now, so that the browser can sign in with the current
 * step's code and the next step's code is still fresh for a proof: the API accepts one step either
 * side and never a step at or before the last one it accepted.
 */
export async function turnOnTotp(client: GraphQLClient): Promise<TotpAccount> {
  const { enableTwoFactor } = await client.request<{ enableTwoFactor: { secret: string } }>(
    'mutation { enableTwoFactor(input: { method: TOTP }) { ... on TotpSetup { secret } } }',
  );
  const { code, step } = await codeOfStepBeforeNow(enableTwoFactor.secret);
  await client.request('mutation($c: String!) { verifyTwoFactor(code: $c) { message } }', { c: code });
  return { secret: enableTwoFactor.secret, step };
}

/** A customer registered through the API, with TOTP on. */
export async function customerWithTotp(baseUrl: string, email: string): Promise<TotpAccount> {
  const client = new GraphQLClient(baseUrl);
  await client.request('mutation($e: String!, $p: String!) { register(email: $e, password: $p) { user { id } } }', {
    e: email,
    p: PASSWORD,
  });
  return turnOnTotp(client);
}

/** Signs an existing account in through the API (no 2FA yet) and turns TOTP on. */
export async function signedInWithTotp(baseUrl: string, email: string): Promise<TotpAccount> {
  const client = new GraphQLClient(baseUrl);
  await client.request('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
    e: email,
    p: PASSWORD,
  });
  return turnOnTotp(client);
}
