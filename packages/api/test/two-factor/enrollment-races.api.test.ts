import { UserEntity } from '../../src/modules/auth/entities/user.entity';
import { RecoveryCodeEntity } from '../../src/modules/two-factor/entities/recovery-code.entity';
import { EnrollmentState, TwoFactorEnrollmentEntity } from '../../src/modules/two-factor/entities/two-factor-enrollment.entity';
import type { GraphQLResponse } from '../support/graphql-client';
import { OPS, PASSWORD, enableTotp, loginChallenge, nextTotpStep, registerUser, totpNow, type SignedInUser } from '../support/flows';
import { startTestApp, type TestApp } from '../support/test-app';

/** How many copies of one request race each other: a double click, two tabs, a client's retries. */
const RACERS = 5;

/**
 * One state change, one winner: verifying a set-up is a conditional write that expects the set-up
 * still pending, so copies of one verification sent at once give one success and clean refusals,
 * and the account always ends with a working second factor.
 */
describe('ASVS V11.1.6, V2.8.4 (5.0 V2.3.3, V6.5.1): racing verifications of one set-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const raceVerify = (user: SignedInUser, code: string) =>
    Promise.all(Array.from({ length: RACERS }, () => user.client.request(OPS.VERIFY, { code })));

  /**
   * Exactly one answer succeeded. Every other one lost the race (INVALID_CODE, CODE_ALREADY_USED)
   * or arrived once the set-up was finished (BAD_USER_INPUT, NOTHING_PENDING): never a 500.
   */
  function oneWinner(answers: GraphQLResponse[]): GraphQLResponse {
    const winners = answers.filter((a) => !a.errors);
    expect(winners).toHaveLength(1);
    for (const loser of answers.filter((a) => a.errors)) {
      const { code, reason } = loser.errors![0]!.extensions!;
      expect([`${code}/${reason}`]).toEqual([expect.stringMatching(/^(INVALID_CODE\/CODE_ALREADY_USED|BAD_USER_INPUT\/NOTHING_PENDING)$/)]);
      expect(loser.status).toBe(200);
    }
    return winners[0]!;
  }

  async function enrollmentsOf(email: string) {
    const { id: userId } = await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email });
    const rows = await t.app.dataSource.getRepository(TwoFactorEnrollmentEntity).findBy({ userId });
    const recoveryCodes = await t.app.dataSource.getRepository(RecoveryCodeEntity).countBy({ userId });
    return { rows, recoveryCodes };
  }

  it('TOTP set-up: one success with the only recovery codes; the password alone never signs in', async () => {
    const user = await registerUser(t, 'race-totp');
    const setup = await user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } });
    const secret = setup.data!.enableTwoFactor.secret as string;

    const winner = oneWinner(await raceVerify(user, totpNow(t, secret)));
    const issued = winner.data!.verifyTwoFactor.recoveryCodes as string[];
    expect(issued).toHaveLength(10);

    const { rows, recoveryCodes } = await enrollmentsOf(user.email);
    expect(rows.map((r) => [r.method, r.state])).toEqual([['TOTP', EnrollmentState.ACTIVE]]);
    expect(recoveryCodes).toBe(10);
    // The winner's codes are the stored ones: one of them passes a sign-in.
    const { challengeId } = await loginChallenge(t, user.email);
    expect((await t.client.request(OPS.CHALLENGE, { challengeId, code: issued[3] })).errors).toBeUndefined();
  });

  it('switching TOTP to a new TOTP: one success, the new secret active, the old one gone', async () => {
    const user = await registerUser(t, 'race-switch');
    const { secret: oldSecret } = await enableTotp(t, user);
    nextTotpStep(t);
    const setup = await user.client.request(OPS.ENABLE, { input: { method: 'TOTP', proof: totpNow(t, oldSecret) } });
    expect(setup.errors).toBeUndefined();
    const newSecret = setup.data!.enableTwoFactor.secret as string;

    const winner = oneWinner(await raceVerify(user, totpNow(t, newSecret)));
    // A switch keeps the recovery codes the user holds.
    expect(winner.data!.verifyTwoFactor.recoveryCodes).toBeNull();
    const { rows, recoveryCodes } = await enrollmentsOf(user.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.state).toBe(EnrollmentState.ACTIVE);
    expect(recoveryCodes).toBe(10);

    nextTotpStep(t);
    const { challengeId } = await loginChallenge(t, user.email);
    expect((await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, oldSecret) })).errors).toBeDefined();
    expect((await t.client.request(OPS.CHALLENGE, { challengeId, code: totpNow(t, newSecret) })).errors).toBeUndefined();
  });

  it('e-mail set-up: the code is spent once; the copies are told it was already used', async () => {
    const user = await registerUser(t, 'race-email');
    const address = `inbox.${user.email}`;
    expect((await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } })).errors).toBeUndefined();
    const { code } = await t.lastMessageTo(address);

    oneWinner(await raceVerify(user, code));
    const { rows, recoveryCodes } = await enrollmentsOf(user.email);
    expect(rows.map((r) => [r.method, r.state])).toEqual([['EMAIL', EnrollmentState.ACTIVE]]);
    expect(recoveryCodes).toBe(10);
    const login = await t.client.request(OPS.LOGIN, { email: user.email, password: PASSWORD });
    expect(login.data!.login.__typename).toBe('TwoFactorChallenge');
  });

  it('a verification after the set-up finished says there is nothing pending', async () => {
    const user = await registerUser(t, 'race-after');
    const setup = await user.client.request(OPS.ENABLE, { input: { method: 'TOTP' } });
    const code = totpNow(t, setup.data!.enableTwoFactor.secret as string);
    expect((await user.client.request(OPS.VERIFY, { code })).errors).toBeUndefined();
    const again = await user.client.request(OPS.VERIFY, { code });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_PENDING' });
  });
});

/**
 * The same rule for the changes a fresh proof of the active method allows: new recovery codes and
 * turning 2FA off name the method they proved against (and the codes they replace), so requests
 * racing each other leave one outcome, never recovery codes that work beside the ones shown, or
 * recovery codes on an account without 2FA.
 */
describe('ASVS V11.1.6, V2.6.1 (5.0 V2.3.3, V2.3.4): racing proofs of the active method', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function stateOf(email: string) {
    const { id: userId } = await t.app.dataSource.getRepository(UserEntity).findOneByOrFail({ email });
    const enrollments = await t.app.dataSource.getRepository(TwoFactorEnrollmentEntity).countBy({ userId });
    const recoveryCodes = await t.app.dataSource.getRepository(RecoveryCodeEntity).countBy({ userId });
    return { enrollments, recoveryCodes };
  }

  const outcome = (answer: GraphQLResponse) => {
    expect(answer.status).toBe(200);
    if (!answer.errors) return 'ok';
    const { code, reason } = answer.errors[0]!.extensions!;
    return reason ? `${code}/${reason}` : String(code);
  };

  it('new recovery codes asked in four tabs at once: one set is stored and shown, the other tabs are told their proof lost', async () => {
    const user = await registerUser(t, 'race-regenerate');
    const { recoveryCodes } = await enableTotp(t, user);
    // Four different proofs, so no proof is refused for being spent: only the change itself can pick one.
    const answers = await Promise.all(recoveryCodes.slice(0, 4).map((code) => user.client.request(OPS.REGENERATE, { code })));

    const outcomes = answers.map(outcome);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    // A tab whose proof was checked while the winner ran lost the change (CODE_ALREADY_USED); one
    // that came after the winner had replaced the codes offered an old code, now simply wrong.
    expect(
      outcomes.filter((o) => o !== 'ok').every((o) => o === 'INVALID_CODE/CODE_ALREADY_USED' || o === 'INVALID_CODE/INVALID_CODE'),
    ).toBe(true);
    expect(await stateOf(user.email)).toEqual({ enrollments: 1, recoveryCodes: 10 });
    // The codes shown are the codes stored: one of them passes a sign-in, one of the old ones does not.
    const shown = answers.find((a) => !a.errors)!.data!.regenerateRecoveryCodes.recoveryCodes as string[];
    const { challengeId } = await loginChallenge(t, user.email);
    expect((await t.client.request(OPS.CHALLENGE, { challengeId, code: recoveryCodes[9] })).errors![0]!.extensions!.code).toBe(
      'INVALID_CODE',
    );
    expect((await t.client.request(OPS.CHALLENGE, { challengeId, code: shown[0] })).errors).toBeUndefined();
  });

  it('turning 2FA off while new recovery codes are made: never 2FA off with recovery codes left', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const user = await registerUser(t, 'race-disable');
      const { recoveryCodes } = await enableTotp(t, user);
      const [disabled, regenerated] = await Promise.all([
        user.client.request(OPS.DISABLE, { code: recoveryCodes[0] }),
        user.client.request(OPS.REGENERATE, { code: recoveryCodes[1] }),
      ]);
      const outcomes = [outcome(disabled), outcome(regenerated)];
      // A proof whose recovery code the other request replaced first is simply wrong (INVALID_CODE).
      for (const o of outcomes)
        expect(['ok', 'INVALID_CODE/INVALID_CODE', 'INVALID_CODE/CODE_ALREADY_USED', 'BAD_USER_INPUT/NOT_ENABLED']).toContain(o);
      const state = await stateOf(user.email);
      if (outcomes[0] === 'ok') {
        expect(state).toEqual({ enrollments: 0, recoveryCodes: 0 });
      } else {
        expect(outcomes[1]).toBe('ok');
        expect(state).toEqual({ enrollments: 1, recoveryCodes: 10 });
      }
    }
  });

  it('two tabs turning 2FA off at once: one turns it off, the other is told it is not on', async () => {
    const user = await registerUser(t, 'race-disable-twice');
    const { recoveryCodes } = await enableTotp(t, user);
    const answers = await Promise.all(recoveryCodes.slice(0, 2).map((code) => user.client.request(OPS.DISABLE, { code })));
    const outcomes = answers.map(outcome).sort();
    expect(outcomes[1]).toBe('ok');
    expect(['BAD_USER_INPUT/NOT_ENABLED', 'INVALID_CODE/CODE_ALREADY_USED']).toContain(outcomes[0]);
    expect(await stateOf(user.email)).toEqual({ enrollments: 0, recoveryCodes: 0 });
    const events = (await user.client.request(OPS.EVENTS, { first: 50 })).data!.securityEvents as Array<{ type: string }>;
    expect(events.filter((e) => e.type === 'TWO_FACTOR_DISABLED')).toHaveLength(1);
  });
});
