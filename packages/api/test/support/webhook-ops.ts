import { Role } from '../../src/modules/auth/role';
import { OPS, PASSWORD, enableTotp, nextTotpStep, totpNow, uniqueEmail, type SignedInUser } from './flows';
import type { TestApp } from './test-app';

/** The webhook operations, as an admin's tools send them. */
export const WEBHOOK_OPS = {
  CREATE: `mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!, $proof: String!) {
    createWebhook(url: $url, events: $events, proof: $proof) { secret webhook { id url events createdAt } }
  }`,
  DELETE: `mutation DeleteWebhook($id: ID!, $proof: String!) { deleteWebhook(id: $id, proof: $proof) }`,
  LIST: `query Webhooks { webhooks { id url events createdAt } }`,
  DELIVERIES: `query Deliveries($webhookId: ID!, $first: Int, $after: String) {
    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
      edges { cursor node { id event status attempts nextAttemptAt lastAttemptAt lastStatusCode lastDurationMs lastError payload createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
} as const;

export interface StaffMember extends SignedInUser {
  id: string;
  secret: string;
  recoveryCodes: string[];
}

/** An account of the role, signed in, with TOTP on (staff tools need it) unless told otherwise. */
export async function staffMember(t: TestApp, role: Role = Role.ADMIN, options = { twoFactor: true }): Promise<StaffMember> {
  const email = uniqueEmail(role.toLowerCase());
  const { id } = await t.app.modules.auth.accounts.createUser(email, PASSWORD, role);
  const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
  const signedIn = { email, token, client: t.client.withToken(token), id, secret: '', recoveryCodes: [] as string[] };
  return options.twoFactor ? { ...signedIn, ...(await enableTotp(t, signedIn)) } : signedIn;
}

/** A code the member's authenticator shows in a step none of their codes came from yet. */
export function freshCode(t: TestApp, member: StaffMember): string {
  nextTotpStep(t);
  return totpNow(t, member.secret);
}

/** Signs the member in again through the TOTP challenge, after the clock moved past their session's end. */
export async function signInAgain(t: TestApp, member: StaffMember): Promise<StaffMember> {
  const { challengeId } = (await t.client.request(OPS.LOGIN, { email: member.email, password: PASSWORD })).data!.login;
  const answer = await t.client.request(OPS.CHALLENGE, { challengeId, code: freshCode(t, member) });
  const token = answer.data!.verifyLoginChallenge.token as string;
  return { ...member, token, client: t.client.withToken(token) };
}
