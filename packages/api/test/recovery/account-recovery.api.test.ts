import { readOutbox } from '../../src/delivery/outbox/outbox';
import { Not, IsNull } from 'typeorm';
import { SecurityEventEntity } from '../../src/modules/audit/entities/security-event.entity';
import { SecurityEventType } from '../../src/modules/audit/security-event-type';
import { Role } from '../../src/modules/auth/role';
import { AccountRecoveryRequestEntity } from '../../src/modules/recovery/account-recovery-request.entity';
import { AccountRecoveryStatus } from '../../src/modules/recovery/account-recovery-status';
import { LoginChallengeEntity } from '../../src/modules/two-factor/entities/login-challenge.entity';
import { RECOVERY_LIMITS } from '../../src/modules/recovery/account-recovery.service';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import {
  OPS,
  PASSWORD,
  enableTotp,
  latestLinkTo,
  loginChallenge,
  nextTotpStep,
  registerUser,
  totpNow,
  uniqueEmail,
  type SignedInUser,
} from '../support/flows';
import { startTestApp, TEST_DATABASE, type TestApp } from '../support/test-app';

const REQUEST = `mutation Request($challengeId: ID!, $message: String!) {
  requestAccountRecovery(challengeId: $challengeId, message: $message) { id status message createdAt effectiveAt waitHours requestIp account { email } }
}`;
const OPEN = `query { openAccountRecovery { id status effectiveAt requestIp } }`;
const CANCEL = `mutation Cancel($token: String, $id: ID) { cancelAccountRecovery(token: $token, id: $id) }`;
const QUEUE = `query Queue($status: AccountRecoveryStatus) {
  accountRecoveryRequests(status: $status) {
    id status message requestIp effectiveAt
    account { id email emailVerified role twoFactorMethod recentSignIns { at ip device secondFactor } }
  }
}`;
const DECIDE = `mutation Decide($id: ID!, $approve: Boolean!, $reason: String!, $proof: String!) {
  decideAccountRecovery(id: $id, approve: $approve, reason: $reason, proof: $proof) { id status effectiveAt decidedAt decisionReason account { email } }
}`;
const EVENTS = `query { securityEvents(first: 50) { type detail } }`;
const CONTACT = `query { supportContact }`;
const MESSAGE = 'I lost the phone with my authenticator app. Call me back on the number on my invoices.';
const REASON = 'Identity checked by a call back to the number on the invoices.';
const HOUR_MS = 60 * 60_000;
const WAIT_MS = 72 * HOUR_MS;

interface Customer extends SignedInUser {
  id: string;
  secret: string;
}
interface Staff extends Customer {
  recoveryCodes: string[];
}

let addresses = 0;
/** Each request speaks from an address of its own (the app trusts X-Forwarded-For here), so per-IP limits stay out of the way. */
const fromNewAddress = () => ({ 'x-forwarded-for': `203.0.113.${++addresses}` });

describe(`account recovery on ${TEST_DATABASE}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', SUPPORT_CONTACT: 'support@hostkey.example' });
  });
  afterAll(() => t.close());

  async function customerWithTotp(label = 'lostphone'): Promise<Customer> {
    const user = await registerUser(t, label);
    const { secret } = await enableTotp(t, user);
    const id = (await t.client.request(`query { me { id } }`, {}, { authorization: `Bearer ${user.token}` })).data!.me.id as string;
    return { ...user, id, secret };
  }

  async function staffMember(role: Role, label = 'staff'): Promise<Staff> {
    const email = uniqueEmail(label);
    const { id } = await t.app.modules.auth.accounts.createUser(email, PASSWORD, role);
    const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
    const member = { email, token, client: t.client.withToken(token), id, secret: '', recoveryCodes: [] as string[] };
    return { ...member, ...(await enableTotp(t, member)) };
  }

  /** Signs a member with TOTP in again: moving the clock by days ends every session. */
  async function signInAgain(member: Customer): Promise<void> {
    const { challengeId } = await loginChallenge(t, member.email);
    nextTotpStep(t);
    const signedIn = await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, member.secret) });
    member.token = signedIn.data!.verifyLoginChallenge.token;
    member.client = t.client.withToken(member.token);
  }

  const proofOf = (member: Customer) => {
    nextTotpStep(t);
    return totpNow(t, member.secret);
  };

  async function fileRequest(customer: Customer, headers = fromNewAddress()): Promise<GraphQLResponse> {
    const { challengeId } = await loginChallenge(t, customer.email);
    return t.client.request(REQUEST, { challengeId, message: MESSAGE }, headers);
  }

  async function filed(customer: Customer): Promise<string> {
    const res = await fileRequest(customer);
    if (res.errors) throw new Error(`requestAccountRecovery failed: ${JSON.stringify(res.errors)}`);
    return res.data!.requestAccountRecovery.id as string;
  }

  const rowOf = (id: string) => t.app.dataSource.getRepository(AccountRecoveryRequestEntity).findOneByOrFail({ id });
  const eventTypes = async (userId: string) =>
    (await t.app.dataSource.getRepository(SecurityEventEntity).find({ where: { userId }, order: { createdAt: 'DESC' } })).map(
      (e) => e.type,
    );
  const subjectsTo = async (email: string) =>
    (await readOutbox(t.config.delivery.outboxPath)).filter((m) => m.to === email).map((m) => m.subject);

  it('tells anyone, before sign-in, where technical support is', async () => {
    expect((await t.client.request(CONTACT)).data).toEqual({ supportContact: 'support@hostkey.example' });
  });

  it('files a request with the password step alone, e-mails the account a link to cancel, and shows it to its sessions', async () => {
    const customer = await customerWithTotp();
    const headers = fromNewAddress();
    const res = await fileRequest(customer, headers);
    expect(res.errors).toBeUndefined();
    expect(res.data!.requestAccountRecovery).toEqual({
      id: expect.any(String),
      status: 'PENDING',
      message: MESSAGE,
      createdAt: expect.any(String),
      effectiveAt: null,
      waitHours: 72,
      requestIp: headers['x-forwarded-for'],
      // Staff only: the requester learns nothing of the account.
      account: null,
    });
    expect(await subjectsTo(customer.email)).toContain('HOSTKEY: account recovery requested');
    expect(await latestLinkTo(t.config.delivery.outboxPath, customer.email)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await customer.client.request(OPEN)).data!.openAccountRecovery).toEqual({
      id: res.data!.requestAccountRecovery.id,
      status: 'PENDING',
      effectiveAt: null,
      requestIp: headers['x-forwarded-for'],
    });
    expect((await eventTypes(customer.id))[0]).toBe('ACCOUNT_RECOVERY_REQUESTED');
    // One open request per account.
    const again = await fileRequest(customer);
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECOVERY_ALREADY_OPEN' });
  });

  it('takes a challenge whose codes ran out or whose checks are locked, but not a used, expired or made-up one, nor a short message', async () => {
    const customer = await customerWithTotp('locked');
    const { challengeId } = await loginChallenge(t, customer.email);
    nextTotpStep(t);
    const wrong = totpNow(t, customer.secret) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await t.client.request(OPS.CHALLENGE, { challengeId, code: wrong });
    const spent = await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, customer.secret) });
    expect(spent.errors![0]!.extensions!.reason).toBe('CHALLENGE_SPENT');

    const short = await t.client.request(REQUEST, { challengeId, message: 'lost it' }, fromNewAddress());
    expect(short.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECOVERY_MESSAGE_LENGTH', field: 'message' });
    const made = await t.client.request(REQUEST, { challengeId, message: MESSAGE }, fromNewAddress());
    expect(made.data!.requestAccountRecovery.status).toBe('PENDING');

    const other = await customerWithTotp('expired');
    const old = await loginChallenge(t, other.email);
    t.clock.advance(10 * 60_000);
    const expired = await t.client.request(REQUEST, { challengeId: old.challengeId, message: MESSAGE }, fromNewAddress());
    expect(expired.errors![0]!.extensions).toMatchObject({ code: 'CODE_EXPIRED', reason: 'CHALLENGE_EXPIRED' });
    const unknown = await t.client.request(REQUEST, { challengeId: '00000000-0000-4000-8000-000000000000', message: MESSAGE });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CHALLENGE_ENDED' });
    // A challenge already passed: whoever has it is signed in, and asks nothing of support.
    await signInAgain(other);
    const passed = await t.app.dataSource
      .getRepository(LoginChallengeEntity)
      .findOneByOrFail({ userId: other.id, completedAt: Not(IsNull()) });
    const used = await t.client.request(REQUEST, { challengeId: passed.id, message: MESSAGE }, fromNewAddress());
    expect(used.errors![0]!.extensions!.reason).toBe('CHALLENGE_ENDED');
  });

  it('is refused before the wait (sign-in still asks for 2FA), takes effect after it, and ends every session', async () => {
    const customer = await customerWithTotp('approved');
    const requestId = await filed(customer);
    const staff = await staffMember(Role.SUPPORT);
    const queued = (await staff.client.request(QUEUE, { status: 'PENDING' })).data!.accountRecoveryRequests;
    expect(queued.find((r: { id: string }) => r.id === requestId)).toMatchObject({
      message: MESSAGE,
      requestIp: expect.stringMatching(/^203\.0\.113\./),
      account: {
        id: customer.id,
        email: customer.email,
        emailVerified: true,
        role: 'CUSTOMER',
        twoFactorMethod: 'TOTP',
        recentSignIns: expect.arrayContaining([expect.objectContaining({ ip: expect.any(String), device: expect.any(String) })]),
      },
    });

    const decided = await staff.client.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof: proofOf(staff) });
    expect(decided.errors).toBeUndefined();
    const approvedAt = t.clock.now().getTime();
    expect(decided.data!.decideAccountRecovery).toMatchObject({
      status: 'APPROVED',
      decisionReason: REASON,
      account: { email: customer.email },
    });
    expect(Date.parse(decided.data!.decideAccountRecovery.effectiveAt)).toBe(approvedAt + WAIT_MS);
    expect(await subjectsTo(customer.email)).toContain('HOSTKEY: account recovery approved');

    // Before the wait: the password alone opens nothing, and the job leaves it be.
    t.clock.advance(WAIT_MS - 10 * 60_000);
    expect(await t.app.modules.recovery.recovery.completeDue()).toBe(0);
    await signInAgain(customer);
    expect((await customer.client.request(OPEN)).data!.openAccountRecovery).toMatchObject({ id: requestId, status: 'APPROVED' });

    // After it: the job removes the 2FA and the session signed in meanwhile ends.
    t.clock.advance(10 * 60_000);
    expect(await t.app.modules.recovery.recovery.completeDue()).toBe(1);
    expect(errorCode(await customer.client.request(OPS.ME))).toBe('UNAUTHENTICATED');
    const login = await t.client.request(OPS.LOGIN, { email: customer.email, password: PASSWORD });
    expect(login.data!.login.__typename).toBe('AuthPayload');
    expect((await rowOf(requestId)).status).toBe('COMPLETED');
    const signedIn = t.client.withToken(login.data!.login.token);
    const log = (await signedIn.request(EVENTS)).data!.securityEvents.map((e: { type: string }) => e.type);
    expect(log).toEqual(expect.arrayContaining(['ACCOUNT_RECOVERY_REQUESTED', 'ACCOUNT_RECOVERY_APPROVED', 'ACCOUNT_RECOVERY_COMPLETED']));
    expect(log.indexOf('ACCOUNT_RECOVERY_COMPLETED')).toBeLessThan(log.indexOf('ACCOUNT_RECOVERY_APPROVED'));
    expect(await subjectsTo(customer.email)).toContain('HOSTKEY: two-factor authentication removed by account recovery');
    expect((await signedIn.request(OPS.SETTINGS)).data!.twoFactorSettings).toMatchObject({ enabled: false, recoveryCodesRemaining: 0 });
    // The link to cancel died with the request.
    const link = await latestLinkTo(t.config.delivery.outboxPath, customer.email);
    expect((await t.client.request(CANCEL, { token: link })).errors![0]!.extensions!.reason).toBe('LINK_ALREADY_USED');
  });

  it('takes effect at the sign-in itself once the wait is over, without waiting for the job', async () => {
    const customer = await customerWithTotp('lazy');
    const requestId = await filed(customer);
    const staff = await staffMember(Role.SUPPORT);
    await staff.client.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof: proofOf(staff) });
    t.clock.advance(WAIT_MS);
    const login = await t.client.request(OPS.LOGIN, { email: customer.email, password: PASSWORD });
    expect(login.data!.login.__typename).toBe('AuthPayload');
    expect((await rowOf(requestId)).status).toBe('COMPLETED');
    expect(await eventTypes(customer.id)).toContain('ACCOUNT_RECOVERY_COMPLETED');
  });

  it('completes without any request: the periodic job of the API process, driven by its clock', async () => {
    const jobApp = await startTestApp({ RECOVERY_SWEEP_SECONDS: '1', RECOVERY_WAIT_HOURS: '1' });
    try {
      const user = await registerUser(jobApp, 'job');
      await enableTotp(jobApp, user);
      const { challengeId } = await loginChallenge(jobApp, user.email);
      const requested = await jobApp.client.request(REQUEST, { challengeId, message: MESSAGE });
      const requestId = requested.data!.requestAccountRecovery.id as string;
      const email = uniqueEmail('jobstaff');
      await jobApp.app.modules.auth.accounts.createUser(email, PASSWORD, Role.ADMIN);
      const token = (await jobApp.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
      const admin = { email, token, client: jobApp.client.withToken(token) };
      const { secret: adminSecret } = await enableTotp(jobApp, admin);
      nextTotpStep(jobApp);
      const approved = await admin.client.request(DECIDE, {
        id: requestId,
        approve: true,
        reason: REASON,
        proof: totpNow(jobApp, adminSecret),
      });
      expect(approved.data!.decideAccountRecovery.status).toBe('APPROVED');

      const repository = jobApp.app.dataSource.getRepository(AccountRecoveryRequestEntity);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await repository.findOneByOrFail({ id: requestId })).status).toBe('APPROVED');
      jobApp.clock.advance(HOUR_MS);
      const deadline = Date.now() + 15_000;
      while ((await repository.findOneByOrFail({ id: requestId })).status !== AccountRecoveryStatus.COMPLETED && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await repository.findOneByOrFail({ id: requestId })).status).toBe('COMPLETED');
    } finally {
      await jobApp.close();
    }
  });

  it('dies when cancelled by the e-mailed link: the link works once, and after the wait 2FA is still asked for', async () => {
    const customer = await customerWithTotp('bylink');
    const requestId = await filed(customer);
    const staff = await staffMember(Role.SUPPORT);
    await staff.client.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof: proofOf(staff) });
    const token = await latestLinkTo(t.config.delivery.outboxPath, customer.email);
    expect((await t.client.request(CANCEL, { token })).data).toEqual({ cancelAccountRecovery: true });
    expect((await t.client.request(CANCEL, { token })).errors![0]!.extensions!.reason).toBe('LINK_ALREADY_USED');
    expect((await rowOf(requestId)).status).toBe('CANCELLED');
    expect(await subjectsTo(customer.email)).toContain('HOSTKEY: account recovery request cancelled');

    t.clock.advance(WAIT_MS);
    expect(await t.app.modules.recovery.recovery.completeDue()).toBe(0);
    expect((await t.client.request(OPS.LOGIN, { email: customer.email, password: PASSWORD })).data!.login.__typename).toBe(
      'TwoFactorChallenge',
    );
    const events = await t.app.dataSource.getRepository(SecurityEventEntity).findOneByOrFail({
      userId: customer.id,
      type: SecurityEventType.ACCOUNT_RECOVERY_CANCELLED,
    });
    expect(events.detail).toBe('by the link e-mailed to the account');
  });

  it('dies when cancelled by id from a signed-in session of its own account, and only of its own account', async () => {
    const customer = await customerWithTotp('byid');
    const requestId = await filed(customer);
    const mallory = await customerWithTotp('mallory');
    const theirs = await mallory.client.request(CANCEL, { id: requestId });
    expect(theirs.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_SUCH_RECOVERY_REQUEST', field: 'id' });
    expect(errorCode(await t.client.request(CANCEL, { id: requestId }))).toBe('UNAUTHENTICATED');
    for (const both of [{}, { id: requestId, token: 'x'.repeat(43) }]) {
      expect((await customer.client.request(CANCEL, both)).errors![0]!.extensions).toMatchObject({ reason: 'RECOVERY_CANCEL_ONE_OF' });
    }
    expect((await rowOf(requestId)).status).toBe('PENDING');

    expect((await customer.client.request(CANCEL, { id: requestId })).data).toEqual({ cancelAccountRecovery: true });
    expect((await customer.client.request(OPEN)).data!.openAccountRecovery).toBeNull();
    expect((await customer.client.request(CANCEL, { id: requestId })).errors![0]!.extensions!.reason).toBe('RECOVERY_NOT_OPEN');
    const staff = await staffMember(Role.SUPPORT);
    const late = await staff.client.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof: proofOf(staff) });
    expect(late.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECOVERY_ALREADY_DECIDED' });
    // A new request may follow a cancelled one.
    t.clock.advance(61_000);
    expect((await fileRequest(customer)).data!.requestAccountRecovery.status).toBe('PENDING');
  });

  it('is denied with a reason the account is told, and nothing changes', async () => {
    const customer = await customerWithTotp('denied');
    const requestId = await filed(customer);
    const staff = await staffMember(Role.SUPPORT);
    const denied = await staff.client.request(DECIDE, { id: requestId, approve: false, reason: REASON, proof: proofOf(staff) });
    expect(denied.data!.decideAccountRecovery).toMatchObject({ status: 'DENIED', effectiveAt: null, decisionReason: REASON });
    expect(await subjectsTo(customer.email)).toContain('HOSTKEY: account recovery request denied');
    expect((await customer.client.request(OPEN)).data!.openAccountRecovery).toBeNull();
    t.clock.advance(WAIT_MS);
    expect((await t.client.request(OPS.LOGIN, { email: customer.email, password: PASSWORD })).data!.login.__typename).toBe(
      'TwoFactorChallenge',
    );
  });

  it('cannot be decided by staff without 2FA, by a customer, on an account of the same role or above, or on one’s own', async () => {
    const customer = await customerWithTotp('rules');
    const requestId = await filed(customer);
    const email = uniqueEmail('no2fa');
    await t.app.modules.auth.accounts.createUser(email, PASSWORD, Role.SUPPORT);
    const token = (await t.client.request(OPS.LOGIN, { email, password: PASSWORD })).data!.login.token as string;
    const without = t.client.withToken(token);
    for (const refused of [
      await without.request(QUEUE),
      await without.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof: '123456' }),
    ]) {
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_2FA_REQUIRED' });
    }
    const other = await customerWithTotp('nosy');
    expect((await other.client.request(QUEUE)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });

    // A SUPPORT member's own request is decided by an ADMIN only: not by another SUPPORT, not by themselves.
    const colleague = await staffMember(Role.SUPPORT, 'colleague');
    const colleagueRequest = await filed(colleague);
    await signInAgain(colleague);
    const own = await colleague.client.request(DECIDE, { id: colleagueRequest, approve: true, reason: REASON, proof: proofOf(colleague) });
    expect(own.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOURSELF' });
    const support = await staffMember(Role.SUPPORT);
    const proof = proofOf(support);
    const sameRole = await support.client.request(DECIDE, { id: colleagueRequest, approve: true, reason: REASON, proof });
    expect(sameRole.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_BELOW' });
    expect((await support.client.request(QUEUE)).data!.accountRecoveryRequests.map((r: { id: string }) => r.id)).not.toContain(
      colleagueRequest,
    );
    // Refused before the proof was checked: the same code still decides a customer's request.
    const short = await support.client.request(DECIDE, { id: requestId, approve: true, reason: 'ok', proof });
    expect(short.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_LENGTH' });
    expect((await support.client.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof })).errors).toBeUndefined();
    const admin = await staffMember(Role.ADMIN, 'admin');
    const byAdmin = await admin.client.request(DECIDE, { id: colleagueRequest, approve: false, reason: REASON, proof: proofOf(admin) });
    expect(byAdmin.data!.decideAccountRecovery.status).toBe('DENIED');
    // Every read of the queue lands in the staff member's own log, one entry an hour.
    expect(await eventTypes(support.id)).toContain('SUPPORT_READ_RECOVERY_QUEUE');
  });

  it(`takes at most ${RECOVERY_LIMITS.perAccountPerDay} requests a day for one account`, async () => {
    const customer = await customerWithTotp('flood');
    for (let i = 0; i < RECOVERY_LIMITS.perAccountPerDay; i++) {
      const id = await filed(customer);
      await customer.client.request(CANCEL, { id });
      t.clock.advance(61_000);
      await signInAgain(customer);
    }
    const refused = await fileRequest(customer);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'RECOVERY_REQUEST_LIMIT' });
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });

  describe('one winner when they race', () => {
    it('of two requests for one account made at once, one is filed', async () => {
      const customer = await customerWithTotp('tworequests');
      const { challengeId } = await loginChallenge(t, customer.email);
      const answers = await Promise.all([0, 1].map(() => t.client.request(REQUEST, { challengeId, message: MESSAGE }, fromNewAddress())));
      expect(answers.filter((a) => a.data?.requestAccountRecovery)).toHaveLength(1);
      expect(answers.filter((a) => a.errors?.[0]?.extensions?.reason === 'RECOVERY_ALREADY_OPEN')).toHaveLength(1);
      expect(await t.app.dataSource.getRepository(AccountRecoveryRequestEntity).countBy({ userId: customer.id })).toBe(1);
    });

    it('of two staff members deciding one request at once, one decides', async () => {
      const customer = await customerWithTotp('twodecisions');
      const requestId = await filed(customer);
      const [support, admin] = [await staffMember(Role.SUPPORT), await staffMember(Role.ADMIN, 'admin')];
      const answers = await Promise.all([
        support.client.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof: support.recoveryCodes[0] }),
        admin.client.request(DECIDE, { id: requestId, approve: false, reason: REASON, proof: admin.recoveryCodes[0] }),
      ]);
      const won = answers.filter((a) => a.data?.decideAccountRecovery);
      expect(won).toHaveLength(1);
      expect(answers.filter((a) => a.errors?.[0]?.extensions?.reason === 'RECOVERY_ALREADY_DECIDED')).toHaveLength(1);
      expect((await rowOf(requestId)).status).toBe(won[0]!.data!.decideAccountRecovery.status);
      const decisions = (await eventTypes(customer.id)).filter((type) => /APPROVED|DENIED/.test(type));
      expect(decisions).toHaveLength(1);
    });

    it('of two cancellations at once (the link and a session), one cancels', async () => {
      const customer = await customerWithTotp('twocancels');
      const requestId = await filed(customer);
      const token = await latestLinkTo(t.config.delivery.outboxPath, customer.email);
      const answers = await Promise.all([t.client.request(CANCEL, { token }), customer.client.request(CANCEL, { id: requestId })]);
      expect(answers.filter((a) => a.data?.cancelAccountRecovery === true)).toHaveLength(1);
      // The loser learns the request is closed, or, when the session's cancellation had also spent
      // every cancellation link before the link was read, that the link is used: as one after the other.
      const refused = answers.filter((a) => a.errors);
      expect(refused).toHaveLength(1);
      expect(['RECOVERY_NOT_OPEN', 'LINK_ALREADY_USED']).toContain(refused[0]!.errors![0]!.extensions!.reason);
      expect((await eventTypes(customer.id)).filter((type) => type === SecurityEventType.ACCOUNT_RECOVERY_CANCELLED)).toHaveLength(1);
    });

    it('of a completion and a cancellation once the wait is over, one wins; two runs of the job complete it once', async () => {
      const staff = await staffMember(Role.ADMIN, 'racestaff');
      const approvedRequest = async (label: string) => {
        const customer = await customerWithTotp(label);
        const requestId = await filed(customer);
        await signInAgain(staff);
        const decided = await staff.client.request(DECIDE, { id: requestId, approve: true, reason: REASON, proof: proofOf(staff) });
        if (decided.errors) throw new Error(JSON.stringify(decided.errors));
        return { customer, requestId };
      };
      const racing = await approvedRequest('completevscancel');
      const twice = await approvedRequest('twojobs');
      // A session of the account from just before the wait ends, then both waits over.
      t.clock.set((await rowOf(racing.requestId)).effectiveAt!.getTime() - 60_000);
      await signInAgain(racing.customer);
      t.clock.set((await rowOf(twice.requestId)).effectiveAt!);

      const [cancelled] = await Promise.all([
        racing.customer.client.request(CANCEL, { id: racing.requestId }),
        t.app.modules.recovery.recovery.completeDue(),
        t.app.modules.recovery.recovery.completeDue(),
      ]);
      const status = (await rowOf(racing.requestId)).status;
      const types = await eventTypes(racing.customer.id);
      if (cancelled.data?.cancelAccountRecovery) {
        expect(status).toBe('CANCELLED');
        expect(types).not.toContain('ACCOUNT_RECOVERY_COMPLETED');
      } else {
        expect(['RECOVERY_NOT_OPEN', 'SESSION_ENDED']).toContain(cancelled.errors![0]!.extensions!.reason);
        expect(status).toBe('COMPLETED');
        expect(types.filter((type) => type === SecurityEventType.ACCOUNT_RECOVERY_COMPLETED)).toHaveLength(1);
      }
      expect((await rowOf(twice.requestId)).status).toBe('COMPLETED');
      expect((await eventTypes(twice.customer.id)).filter((type) => type === SecurityEventType.ACCOUNT_RECOVERY_COMPLETED)).toHaveLength(1);
    });
  });
});
