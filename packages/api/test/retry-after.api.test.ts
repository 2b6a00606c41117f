import { longestRetryAfter } from '../src/graphql/retry-after.step';
import { OPS, registerUser, uniqueEmail } from './support/flows';
import { startTestApp, type TestApp } from './support/test-app';

describe('Retry-After on throttled answers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('carries the wait of a TOO_MANY_ATTEMPTS answer as a Retry-After header, counting down with the clock', async () => {
    const user = await registerUser(t);
    const sent = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: uniqueEmail('wait') } });
    expect(sent.errors).toBeUndefined();
    expect(sent.headers.get('retry-after')).toBeNull();

    const early = await user.client.request(OPS.RESEND_ENROLLMENT);
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', reason: 'RESEND_WAIT', retryAfterSeconds: 60 });
    expect(early.headers.get('retry-after')).toBe('60');

    t.clock.advance(45_000);
    const later = await user.client.request(OPS.RESEND_ENROLLMENT);
    expect(later.errors![0]!.extensions!.retryAfterSeconds).toBe(15);
    expect(later.headers.get('retry-after')).toBe('15');
  });

  it('sends no Retry-After for an error that asks for no wait', async () => {
    const user = await registerUser(t);
    const refused = await user.client.request(OPS.VERIFY, { code: '123456' });
    expect(refused.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(refused.headers.get('retry-after')).toBeNull();
  });
});

describe('longestRetryAfter', () => {
  const error = (retryAfterSeconds?: unknown) => ({ message: 'x', extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds } });

  it('answers the longest wait among the errors, in whole seconds rounded up', () => {
    expect(longestRetryAfter([error(60), error(900), error(15)])).toBe(900);
    expect(longestRetryAfter([error(1.2)])).toBe(2);
    expect(longestRetryAfter([{ message: 'no extensions' }, error(30)])).toBe(30);
  });

  it('answers nothing when no error carries a usable wait', () => {
    expect(longestRetryAfter([])).toBeUndefined();
    expect(
      longestRetryAfter([{ message: 'plain' }, error(undefined), error('60'), error(0), error(-5), error(Number.NaN)]),
    ).toBeUndefined();
  });
});
