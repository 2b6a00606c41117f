import type { Role } from '../../src/modules/auth/role';
import { OPS, PASSWORD, enableTotp, nextTotpStep, totpNow, uniqueEmail, type SignedInUser } from '../support/flows';
import type { TestApp } from '../support/test-app';

export const POLICY_FIELDS = `version requiredFor graceDays offeredMethods offerableMethods rememberBrowserDays smsCountries updatedAt updatedBy updatedByUserId`;
export const ADMIN_OPS = {
  POLICY: `query { policy { ${POLICY_FIELDS} } }`,
  UPDATE: `mutation Update($input: PolicyInput!, $proof: String!) { updatePolicy(input: $input, proof: $proof) { ${POLICY_FIELDS} } }`,
  SET_ROLE: `mutation SetRole($userId: ID!, $role: Role!, $proof: String!) { setUserRole(userId: $userId, role: $role, proof: $proof) { id email role twoFactorMethod } }`,
  LOG: `query { securityLog(first: 20) { edges { node { type detail } } } }`,
};

export interface Member extends SignedInUser {
  id: string;
  secret: string;
}

/** An account of the role, signed in by password, with TOTP on unless `twoFactor: false`. */
export async function member(t: TestApp, role: Role, options: { twoFactor?: boolean; label?: string } = {}): Promise<Member> {
  const email = uniqueEmail(options.label ?? role.toLowerCase());
  const created = await t.app.modules.auth.accounts.createUser(email, PASSWORD, role);
  const login = await t.client.request(OPS.LOGIN, { email, password: PASSWORD });
  const token = login.data!.login.token as string;
  const signedIn: Member = { email, token, client: t.client.withToken(token), id: created.id, secret: '' };
  if (options.twoFactor !== false) signedIn.secret = (await enableTotp(t, signedIn)).secret;
  return signedIn;
}

/** A fresh code of the member's TOTP: the clock moves to the next step first. */
export function codeOf(t: TestApp, who: Member): string {
  nextTotpStep(t);
  return totpNow(t, who.secret);
}
