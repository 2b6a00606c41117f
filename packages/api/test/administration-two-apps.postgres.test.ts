import { createApp, type LatchkeyApp } from '../src/app';
import { POLICY_MAX_AGE_MS } from '../src/modules/administration/stored-policy';
import { Role } from '../src/modules/auth/role';
import { ManualClock } from '../src/shared/clock';
import { createLogger } from '../src/shared/logger';
import { ADMIN_OPS, codeOf, member } from './administration/admin-helpers';
import { OPS, registerUser } from './support/flows';
import { GraphQLClient } from './support/graphql-client';
import { startTestApp, type TestApp } from './support/test-app';

const SETTINGS = `query { twoFactorSettings { required availableMethods } }`;

/**
 * Two API instances on one PostgreSQL database, each with its own clock: a policy saved through
 * one is seen at once there, and by the other as soon as its cached copy is older than
 * POLICY_MAX_AGE_MS, without a restart.
 */
describe('the policy with two API instances on one PostgreSQL database', () => {
  let t: TestApp;
  let other: LatchkeyApp;
  let otherClient: GraphQLClient;
  const otherClock = new ManualClock();

  beforeAll(async () => {
    t = await startTestApp({ TWO_FACTOR_REQUIRED: 'none', TWO_FACTOR_GRACE_DAYS: '0' });
    otherClock.set(t.clock.now());
    other = await createApp(t.config, { clock: otherClock, logger: createLogger('silent') });
    otherClient = new GraphQLClient(`${await other.listen()}/graphql`);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('is seen by the other instance within the cache’s age, and at once by the one that saved it', async () => {
    const admin = await member(t, Role.ADMIN);
    const customer = await registerUser(t, 'elsewhere');
    const onOther = otherClient.withToken(customer.token);
    otherClock.set(t.clock.now());
    // The other instance reads the policy (and caches it).
    expect((await onOther.request(SETTINGS)).data!.twoFactorSettings).toEqual({
      required: false,
      availableMethods: ['TOTP', 'WEBAUTHN', 'EMAIL', 'SMS'],
    });

    const saved = await admin.client.request(ADMIN_OPS.UPDATE, {
      input: { expectedVersion: 0, requiredFor: 'ALL', offeredMethods: ['TOTP', 'EMAIL'] },
      proof: codeOf(t, admin),
    });
    expect(saved.errors).toBeUndefined();
    // At once where it was saved.
    expect((await customer.client.request(SETTINGS)).data!.twoFactorSettings).toEqual({
      required: true,
      availableMethods: ['TOTP', 'EMAIL'],
    });
    expect((await customer.client.request(OPS.EVENTS)).errors![0]!.extensions!.reason).toBe('TWO_FACTOR_REQUIRED');

    // The other instance answers from its copy until it is POLICY_MAX_AGE_MS old…
    otherClock.advance(POLICY_MAX_AGE_MS - 1_000);
    expect((await onOther.request(SETTINGS)).data!.twoFactorSettings).toMatchObject({ required: false });
    // …and then reads the saved policy.
    otherClock.advance(1_000);
    expect((await onOther.request(SETTINGS)).data!.twoFactorSettings).toEqual({ required: true, availableMethods: ['TOTP', 'EMAIL'] });
    // The grace period started on the first instance's clock, which the codes moved on: catch up with it.
    otherClock.set(t.clock.now().getTime() + 1_000);
    expect((await onOther.request(OPS.EVENTS)).errors![0]!.extensions!.reason).toBe('TWO_FACTOR_REQUIRED');
    const refused = await onOther.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '+49 1512 3456789' } });
    expect(refused.errors![0]!.extensions!.reason).toBe('METHOD_NOT_OFFERED');

    // An admin on the other instance edits from the version it now reads.
    const policyThere = await otherClient.withToken(admin.token).request(ADMIN_OPS.POLICY);
    expect(policyThere.data!.policy).toMatchObject({ version: 1, requiredFor: 'ALL', updatedBy: admin.email });
  });
});
