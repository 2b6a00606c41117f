import { TWO_FACTOR_LIMITS } from '../../src/modules/two-factor/attempt-limiter';
import { errorCode, type GraphQLResponse } from '../support/graphql-client';
import { OPS, PASSWORD, enableTotp, nextTotpStep, registerUser, totpNow, type SignedInUser } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

/** Low per-IP limits, so a test reaches them in a few requests; each test speaks from addresses of its own. */
const CODE_FAILURES_PER_IP = 5;
const SIGN_IN_FAILURES_PER_IP = 5;
const IP_WINDOW_MINUTES = 15;

let nextAddress = 0;
/** A fresh client address (the app trusts X-Forwarded-For here). */
const newAddress = () => `198.51.100.${++nextAddress}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('WSTG-ATHN-03, ASVS V2.2.1, V11.1.4 (5.0 V6.1.1, V6.3.1, V6.6.3), 800-63B 5.2.2: limits that stop attackers without stopping owners or neighbours', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      CODE_FAILURES_PER_IP: String(CODE_FAILURES_PER_IP),
      SIGN_IN_FAILURES_PER_IP: String(SIGN_IN_FAILURES_PER_IP),
      IP_LIMIT_WINDOW_MINUTES: String(IP_WINDOW_MINUTES),
    });
  });
  afterAll(() => t.close());

  interface TotpUser extends SignedInUser {
    secret: string;
  }
  async function totpUser(label: string): Promise<TotpUser> {
    const user = await registerUser(t, label);
    return { ...user, ...(await enableTotp(t, user)) };
  }
  async function challengeFrom(user: SignedInUser, ip: string): Promise<string> {
    const res = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD }, from(ip));
    if (res.data?.login.__typename !== 'TwoFactorChallenge') throw new Error(`expected a challenge: ${JSON.stringify(res)}`);
    return res.data.login.challengeId as string;
  }
  const rightCode = (user: TotpUser) => {
    nextTotpStep(t);
    return totpNow(t, user.secret);
  };
  /** A six-digit code that is not the user's code now. */
  const wrongCode = (user: TotpUser) => (totpNow(t, user.secret) === '000000' ? '111111' : '000000');
  const answer = (challengeId: string, code: string, ip: string) => t.client.request(OPS.CHALLENGE, { challengeId, code }, from(ip));

  /** Wrong codes one at a time (a new challenge each, as challenges take five) until the user is locked; answers how many it took. */
  async function wrongUntilLocked(user: TotpUser): Promise<{ tries: number; locked: GraphQLResponse }> {
    for (let tries = 1; tries <= TWO_FACTOR_LIMITS.maxFailuresInARow; tries++) {
      const ip = newAddress();
      const res = await answer(await challengeFrom(user, ip), wrongCode(user), ip);
      if (errorCode(res) === 'TOO_MANY_ATTEMPTS') return { tries, locked: res };
      expect(errorCode(res)).toBe('INVALID_CODE');
    }
    throw new Error('never locked');
  }

  const refusedForCheckCount = (res: GraphQLResponse) => {
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([
      {
        message: 'A request may check one 2FA code at most: send each code in a request of its own.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'CODE_CHECK_LIMIT' },
      },
    ]);
  };

  it('refuses a request naming several code checks before any runs, charging each to its challenge’s user and the IP once', async () => {
    const ann = await totpUser('ann');
    const bob = await totpUser('bob');
    const ip = newAddress();
    const annChallenge = await challengeFrom(ann, ip);
    const bobChallenge = await challengeFrom(bob, ip);
    // Ann's code is right: refused all the same, so no alias is ever checked.
    const res = await t.client.request(
      `mutation Guess($ann: ID!, $bob: ID!, $code: String!) {
        a: verifyLoginChallenge(challengeId: $ann, code: $code) { token }
        b: verifyLoginChallenge(challengeId: $bob, code: "000001") { token }
        ...More
      }
      fragment More on Mutation { c: verifyLoginChallenge(challengeId: "${bobChallenge}", code: "000002") { token } }`,
      { ann: annChallenge, bob: bobChallenge, code: rightCode(ann) },
      from(ip),
    );
    refusedForCheckCount(res);

    // Ann was charged one failure, Bob two: they lock after nine and eight more wrong codes.
    expect((await wrongUntilLocked(ann)).tries).toBe(TWO_FACTOR_LIMITS.maxFailuresInARow - 1);
    expect((await wrongUntilLocked(bob)).tries).toBe(TWO_FACTOR_LIMITS.maxFailuresInARow - 2);
    // The IP was charged once, not three times: four more wrong codes from it are still checked.
    const carl = await totpUser('carl');
    for (let i = 0; i < CODE_FAILURES_PER_IP - 1; i++) {
      expect(errorCode(await answer(await challengeFrom(carl, ip), wrongCode(carl), ip))).toBe('INVALID_CODE');
    }
    const refused = await answer(await challengeFrom(carl, ip), rightCode(carl), ip);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'IP_LIMIT' });
  });

  it('charges the signed-in caller for aliased proofs, and counts enableTwoFactor only with a proof', async () => {
    const dan = await totpUser('dan');
    const ip = newAddress();
    const twoDisables = await dan.client.request(
      `mutation { a: disableTwoFactor(code: "000001") { message } b: regenerateRecoveryCodes(code: "000002") { recoveryCodes } }`,
      {},
      from(ip),
    );
    refusedForCheckCount(twoDisables);
    const proofAndSetup = await dan.client.request(
      `mutation { a: enableTwoFactor(input: { method: TOTP, proof: "000001" }) { __typename } b: verifyTwoFactor(code: "000003") { message } }`,
      {},
      from(ip),
    );
    refusedForCheckCount(proofAndSetup);
    expect((await wrongUntilLocked(dan)).tries).toBe(TWO_FACTOR_LIMITS.maxFailuresInARow - 4);

    // Without a proof, enableTwoFactor checks no code: one of it beside one check is a normal request.
    const eve = await registerUser(t, 'eve');
    const setUp = await eve.client.request(
      `mutation { a: enableTwoFactor(input: { method: TOTP }) { __typename } b: verifyTwoFactor(code: "000004") { message } }`,
      {},
      from(ip),
    );
    expect(setUp.status).toBe(200);
    expect(setUp.data).toBeNull();
    expect(errorCode(setUp)).toBe('INVALID_CODE');
  });

  it('refuses the same multi-check document every time, also when the server already knows it', async () => {
    const user = await totpUser('repeat');
    const ip = newAddress();
    const challengeId = await challengeFrom(user, ip);
    // The server keeps documents it has validated: the second send skips validation, not the rule.
    const twice = `mutation Twice($id: ID!) { a: verifyLoginChallenge(challengeId: $id, code: "000001") { token } b: verifyLoginChallenge(challengeId: $id, code: "000002") { token } }`;
    for (let send = 0; send < 3; send++) refusedForCheckCount(await t.client.request(twice, { id: challengeId }, from(newAddress())));
  });

  it('judges each request of a known document by its own operation and variables', async () => {
    const gus = await totpUser('gus');
    const ip = newAddress();
    const document = `query Settings { twoFactorSettings { enabled } }
      mutation Guess { a: disableTwoFactor(code: "000001") { message } b: regenerateRecoveryCodes(code: "000002") { recoveryCodes } }
      mutation Switch($proof: String) { a: enableTwoFactor(input: { method: EMAIL, proof: $proof }) { __typename } b: verifyTwoFactor(code: "000003") { message } }`;
    const send = (operationName: string, variables: Record<string, unknown> = {}) =>
      gus.client.post(JSON.stringify({ query: document, operationName, variables }), from(ip));

    // The server keeps the document after its first use; the operation still decides each time.
    refusedForCheckCount(await send('Guess'));
    const settings = await send('Settings');
    expect(settings.errors).toBeUndefined();
    expect(settings.data).toEqual({ twoFactorSettings: { enabled: true } });
    refusedForCheckCount(await send('Guess'));
    // enableTwoFactor checks a code only when it carries a proof: the variables decide, each request.
    refusedForCheckCount(await send('Switch', { proof: '000004' }));
    const withoutProof = await send('Switch', { proof: null });
    // One check: it runs, and its own resolver answers (EMAIL needs an address).
    expect(withoutProof.status).toBe(200);
    expect(withoutProof.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMAIL_REQUIRED' });
    refusedForCheckCount(await send('Switch', { proof: '000005' }));
  });

  it('lets a neighbour on the same IP pass with the right code after another user’s request of aliased wrong codes', async () => {
    const mallory = await totpUser('mallory');
    const neighbour = await totpUser('neighbour');
    const ip = newAddress();
    const challengeId = await challengeFrom(mallory, ip);
    // Ten aliased guesses, as many root fields as a document may ask (more are refused before they
    // are even read), and over the IP's allowance of five: the request counts once against the IP.
    const aliases = Array.from(
      { length: 10 },
      (_, i) => `g${i}: verifyLoginChallenge(challengeId: $id, code: "${String(i).padStart(6, '0')}") { token }`,
    ).join('\n');
    refusedForCheckCount(await t.client.request(`mutation Guess($id: ID!) { ${aliases} }`, { id: challengeId }, from(ip)));

    const signedIn = await answer(await challengeFrom(neighbour, ip), rightCode(neighbour), ip);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.verifyLoginChallenge.user.email).toBe(neighbour.email);
  });

  it('lets a neighbour sign in after 100 successful sign-ins from the same IP: successes never spend its budget', async () => {
    const busy = await registerUser(t, 'busy');
    const neighbour = await registerUser(t, 'quiet');
    const ip = newAddress();
    // Ten requests of ten aliased sign-ins: as many root fields as a document may ask.
    const aliases = Array.from({ length: 10 }, (_, i) => `s${i}: login(email: $email, password: $password) { __typename }`).join('\n');
    for (let batch = 0; batch < 10; batch++) {
      const signIns = await t.client.request(
        `mutation SignIn($email: String!, $password: String!) { ${aliases} }`,
        { email: busy.email, password: PASSWORD },
        from(ip),
      );
      expect(signIns.errors).toBeUndefined();
      expect(Object.values(signIns.data!).every((r) => (r as { __typename: string }).__typename === 'AuthPayload')).toBe(true);
    }

    const res = await t.client.request(OPS.LOGIN, { email: neighbour.email, password: PASSWORD }, from(ip));
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.__typename).toBe('AuthPayload');
  });

  it('refuses sign-ins from an IP after its failures with reason IP_LIMIT, apart from the account’s own SIGN_IN_LOCKED', async () => {
    const victim = await registerUser(t, 'victim');
    const ip = newAddress();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_IP; i++) {
      const res = await t.client.request(OPS.LOGIN, { email: `nobody${i}@example.com`, password: 'wrong password' }, from(ip));
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
    const refused = await t.client.request(OPS.LOGIN, { email: victim.email, password: PASSWORD }, from(ip));
    expect(refused.errors![0]!.extensions).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      reason: 'IP_LIMIT',
      retryAfterSeconds: IP_WINDOW_MINUTES * 60,
    });
    // Another address is not concerned, and the victim's account is not locked.
    expect(
      (await t.client.request(OPS.LOGIN, { email: victim.email, password: PASSWORD }, from(newAddress()))).data!.login.__typename,
    ).toBe('AuthPayload');
    // When the window ends, the address may try again.
    t.clock.advance(IP_WINDOW_MINUTES * 60_000);
    expect((await t.client.request(OPS.LOGIN, { email: victim.email, password: PASSWORD }, from(ip))).data!.login.__typename).toBe(
      'AuthPayload',
    );

    // Wrong passwords for one account, each from an address of its own, lock that account instead.
    for (let i = 0; i < 10; i++) {
      expect(errorCode(await t.client.request(OPS.LOGIN, { email: victim.email, password: 'wrong password' }, from(newAddress())))).toBe(
        'UNAUTHENTICATED',
      );
    }
    const locked = await t.client.request(OPS.LOGIN, { email: victim.email, password: PASSWORD }, from(newAddress()));
    expect(locked.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'SIGN_IN_LOCKED' });
  });

  it('counts wrong codes sent from one IP at once exactly: no more are checked than the limit allows', async () => {
    // Three users, two challenges each, two guesses per challenge: twelve wrong codes at once, far
    // below what locks a user or spends a challenge, so only the IP's limit can stop them.
    const users = [await totpUser('ip-racer'), await totpUser('ip-racer'), await totpUser('ip-racer')];
    const ip = newAddress();
    // One sign-in after another: right passwords in flight at once would hold the address's slots.
    const guesses: Array<[string, TotpUser]> = [];
    for (const user of [...users, ...users]) {
      const challengeId = await challengeFrom(user, ip);
      guesses.push([challengeId, user], [challengeId, user]);
    }
    const answers = await Promise.all(guesses.map(([challengeId, user]) => answer(challengeId, wrongCode(user), ip)));
    const outcomes = answers.map((res) => `${errorCode(res)}/${res.errors![0]!.extensions!.reason ?? ''}`);
    expect(outcomes.filter((o) => o === 'INVALID_CODE/INVALID_CODE')).toHaveLength(CODE_FAILURES_PER_IP);
    expect(outcomes.filter((o) => o === 'TOO_MANY_ATTEMPTS/IP_LIMIT')).toHaveLength(guesses.length - CODE_FAILURES_PER_IP);
  }, 60_000);

  it('counts failed sign-ins sent from one IP at once exactly, and right passwords in the same burst spend nothing', async () => {
    const racers = 3 * SIGN_IN_FAILURES_PER_IP;
    const owner = await registerUser(t, 'burst-owner');
    const ip = newAddress();
    const answers = await Promise.all(
      Array.from({ length: racers }, (_, i) =>
        t.client.request(OPS.LOGIN, { email: `nobody.burst${i}@example.com`, password: 'wrong password' }, from(ip)),
      ),
    );
    const outcomes = answers.map((res) => `${errorCode(res)}/${res.errors![0]!.extensions!.reason ?? ''}`);
    expect(outcomes.filter((o) => o === 'UNAUTHENTICATED/INVALID_CREDENTIALS')).toHaveLength(SIGN_IN_FAILURES_PER_IP);
    expect(outcomes.filter((o) => o === 'TOO_MANY_ATTEMPTS/IP_LIMIT')).toHaveLength(racers - SIGN_IN_FAILURES_PER_IP);

    // Right passwords racing wrong ones: each check holds a slot while it runs, so near the limit a
    // right password may be told to wait, but once the burst is over only the wrong ones count.
    const quiet = newAddress();
    const wrong = SIGN_IN_FAILURES_PER_IP - 2;
    const mixed = await Promise.all([
      ...Array.from({ length: wrong }, (_, i) =>
        t.client.request(OPS.LOGIN, { email: `nobody.mixed${i}@example.com`, password: 'wrong password' }, from(quiet)),
      ),
      ...Array.from({ length: 5 }, () => t.client.request(OPS.LOGIN, { email: owner.email, password: PASSWORD }, from(quiet))),
    ]);
    const mixedOutcomes = mixed.map(
      (res) => res.data?.login?.__typename ?? `${errorCode(res)}/${res.errors![0]!.extensions!.reason ?? ''}`,
    );
    for (const o of mixedOutcomes.slice(wrong)) expect(['AuthPayload', 'TOO_MANY_ATTEMPTS/IP_LIMIT']).toContain(o);
    const wrongChecked = mixedOutcomes.filter((o) => o === 'UNAUTHENTICATED/INVALID_CREDENTIALS').length;
    expect(wrongChecked).toBeGreaterThan(0);
    // The successes gave their slots back: exactly the failures left are checked, then the address is refused.
    for (let i = wrongChecked; i < SIGN_IN_FAILURES_PER_IP; i++) {
      const late = await t.client.request(OPS.LOGIN, { email: `nobody.late${i}@example.com`, password: 'wrong password' }, from(quiet));
      expect(errorCode(late)).toBe('UNAUTHENTICATED');
    }
    const refused = await t.client.request(OPS.LOGIN, { email: owner.email, password: PASSWORD }, from(quiet));
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'IP_LIMIT' });
  });

  it('refuses code checks from an IP after its wrong codes with reason IP_LIMIT, and logs them as one counted entry', async () => {
    const guesser = await totpUser('guesser');
    const owner = await totpUser('owner');
    const ip = newAddress();
    for (let i = 0; i < CODE_FAILURES_PER_IP; i++) {
      expect(errorCode(await answer(await challengeFrom(guesser, ip), wrongCode(guesser), ip))).toBe('INVALID_CODE');
    }
    const challengeId = await challengeFrom(owner, ip);
    const refusals = await Promise.all([0, 1, 2].map(() => answer(challengeId, rightCode(owner), ip)));
    for (const refused of refusals) {
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'IP_LIMIT' });
    }
    const log = (await owner.client.request(`query { securityEvents { type count ip } }`)).data!.securityEvents;
    expect(log[0]).toEqual({ type: 'CHECK_REFUSED_IP_LIMIT', count: 3, ip });
    // The owner is not locked: from another address the same challenge takes the right code.
    const elsewhere = await answer(challengeId, rightCode(owner), newAddress());
    expect(elsewhere.data!.verifyLoginChallenge.user.email).toBe(owner.email);
  });
});
