import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, isEnumType } from 'graphql';
import { AppError, fail, failFields } from '../../src/errors/app-error';
import { ERROR_CATALOGUE, ERROR_REASONS, ErrorCode, messageOf } from '../../src/errors/error-catalogue';
import { maskUnexpectedErrors } from '../../src/graphql/format-error';
import { renderErrorsDoc } from '../../src/errors/errors-doc';
import { buildLatchkeySchema } from '../../src/graphql/schema';
import { Role } from '../../src/modules/auth/role';
import { OPS, PASSWORD, enableTotp, registerUser, uniqueEmail } from '../support/flows';
import { post, send } from '../support/raw-http';
import { sourceFiles } from '../support/source-files';
import { startTestApp, type TestApp } from '../support/test-app';
import { RESOLVER_CLASSES } from '../../src/composition-root';

const SRC = path.join(__dirname, '../../src');
const ERRORS_DIR = path.join(SRC, 'errors');

/** What only the catalogue may do: make a GraphQL error, or spell a code into `extensions`. */
const HAND_MADE_ERROR = /new GraphQLError\(|new AppError\(|extensions:\s*\{\s*['"]?code\b/;

describe('the error catalogue', () => {
  it('is the only place in src that makes a GraphQL error or spells an error code', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.startsWith(ERRORS_DIR + path.sep))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, where: `${path.relative(SRC, file)}:${index + 1}` }))
          .filter(({ line }) => HAND_MADE_ERROR.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('is what docs/errors.md says (run `pnpm schema` when this fails)', () => {
    expect(readFileSync(path.join(__dirname, '../../../../docs/errors.md'), 'utf8')).toBe(renderErrorsDoc());
  });

  it('the scan finds what it looks for', () => {
    expect(HAND_MADE_ERROR.test(`throw new GraphQLError('x', { extensions: { code: 'FORBIDDEN' } });`)).toBe(true);
    expect(HAND_MADE_ERROR.test(`res.json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] })`)).toBe(true);
    expect(HAND_MADE_ERROR.test(`throw fail('CHALLENGE_ENDED');`)).toBe(false);
  });

  it("has the schema's ErrorCode and ErrorReason enums exactly", async () => {
    const schema = await buildLatchkeySchema(RESOLVER_CLASSES);
    const values = (name: string) => {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum of the schema`);
      return type.getValues().map((value) => value.name);
    };
    expect(values('ErrorCode').sort()).toEqual(Object.values(ErrorCode).sort());
    expect(values('ErrorReason').sort()).toEqual([...ERROR_REASONS].sort());
  });

  it('gives every reason a code of the enum, words and a description; input fields only to input problems', () => {
    for (const reason of ERROR_REASONS) {
      const entry: { code: ErrorCode; field?: string; description: string } = ERROR_CATALOGUE[reason];
      expect(Object.values(ErrorCode)).toContain(entry.code);
      expect(entry.description.length).toBeGreaterThan(10);
      if (entry.field !== undefined) expect(entry.code).toBe(ErrorCode.BAD_USER_INPUT);
    }
    expect(messageOf('CLOCK_OFF', { clockOffsetMinutes: 1 })).toMatch(/off by about 1 minute\./);
    expect(messageOf('CHANNEL_BUDGET', { channel: 'SMS' })).toBe(
      'This server has sent as many SMS codes as it may this hour. Try again later.',
    );
  });

  it('builds errors with code, reason, field and the details of their message', () => {
    const clock = fail('CLOCK_OFF', { clockOffsetMinutes: 4 });
    expect(clock).toBeInstanceOf(AppError);
    expect(clock.extensions).toEqual({ code: 'INVALID_CODE', reason: 'CLOCK_OFF', clockOffsetMinutes: 4 });
    expect(fail('PHONE_INVALID', { field: 'phoneCountry' }).extensions).toMatchObject({ field: 'phoneCountry' });

    const both = failFields([fail('EMAIL_INVALID'), fail('PASSWORD_LENGTH', { minLength: 8, maxLength: 256 })]);
    expect(both.message).toBe('Enter a valid e-mail address.');
    expect(both.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'EMAIL_INVALID',
      field: 'email',
      fields: [
        { field: 'email', reason: 'EMAIL_INVALID', message: 'Enter a valid e-mail address.' },
        { field: 'password', reason: 'PASSWORD_LENGTH', message: 'The password must be 8 to 256 characters long.' },
      ],
    });
  });

  it('lets no error leave without a catalogued reason: anything else is masked as UNEXPECTED', () => {
    const unexpected = { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'UNEXPECTED' } };
    expect(maskUnexpectedErrors({ message: 'boom at /work/x.ts' }, new Error('boom'))).toEqual(unexpected);
    // A code without a reason of the catalogue (or a reason of another code) is no error of ours.
    const handMade = new GraphQLError('secret detail', { extensions: { code: 'FORBIDDEN' } });
    expect(maskUnexpectedErrors({ message: handMade.message, extensions: handMade.extensions }, handMade)).toEqual(unexpected);
    expect(maskUnexpectedErrors({ message: 'x', extensions: { code: 'FORBIDDEN', reason: 'LOCKED' } }, null)).toEqual(unexpected);
  });
});

describe('errors as clients receive them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the catalogue to anyone: reason, code, fixed message, field and description', async () => {
    // `code` read under another name: the test client takes every value under a key `code` for a 2FA code.
    const res = await t.client.request(`{ errorCatalogue { reason errorCode: code message field description } }`);
    expect(res.errors).toBeUndefined();
    const listed = res.data!.errorCatalogue as Array<{ reason: string; errorCode: string; message: string | null; field: string | null }>;
    expect(listed.map((e) => e.reason)).toEqual(ERROR_REASONS);
    expect(listed.find((e) => e.reason === 'SESSION_ENDED')).toMatchObject({
      errorCode: 'UNAUTHENTICATED',
      message: 'Your session has ended. Please sign in again.',
      field: null,
    });
    expect(listed.find((e) => e.reason === 'PHONE_INVALID')).toMatchObject({ errorCode: 'BAD_USER_INPUT', field: 'phoneNumber' });
    // Words built from each error's details are not listed as one message.
    expect(listed.find((e) => e.reason === 'CLOCK_OFF')!.message).toBeNull();
  });

  it('answers every problem of a registration at once, the first as field and reason', async () => {
    const res = await t.client.request(OPS.REGISTER, { email: 'not an address', password: 'short' });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.message).toBe('Enter a valid e-mail address.');
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'EMAIL_INVALID',
      field: 'email',
      fields: [
        { field: 'email', reason: 'EMAIL_INVALID', message: 'Enter a valid e-mail address.' },
        { field: 'password', reason: 'PASSWORD_LENGTH', message: 'The password must be 8 to 256 characters long.' },
      ],
    });
    // One problem alone is listed alone.
    const one = await t.client.request(OPS.REGISTER, { email: uniqueEmail('one-problem'), password: 'short' });
    expect(one.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'PASSWORD_LENGTH',
      field: 'password',
      fields: [{ field: 'password', reason: 'PASSWORD_LENGTH', message: 'The password must be 8 to 256 characters long.' }],
      minLength: 8,
      maxLength: 256,
    });
  });

  it('answers every problem of an account an operator creates at once', async () => {
    const refused = await t.app.modules.auth.accounts
      .createUser('@nowhere', 'x'.repeat(300), Role.SUPPORT)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).extensions.fields).toEqual([
      expect.objectContaining({ field: 'email', reason: 'EMAIL_INVALID' }),
      expect.objectContaining({ field: 'password', reason: 'PASSWORD_LENGTH' }),
    ]);
  });

  it('answers a switch without its proof and with a bad destination with both problems', async () => {
    const user = await registerUser(t, 'switcher');
    await enableTotp(t, user);
    const email = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: 'nobody@' } });
    expect(email.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'EMAIL_INVALID',
      field: 'email',
      fields: [
        { field: 'email', reason: 'EMAIL_INVALID', message: 'Enter a valid e-mail address.' },
        { field: 'proof', reason: 'PROOF_REQUIRED', message: expect.any(String) },
      ],
    });
    const sms = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '12' } });
    expect(sms.errors![0]!.extensions!.fields.map((f: { field: string; reason: string }) => `${f.field}/${f.reason}`)).toEqual([
      'phoneNumber/PHONE_INVALID',
      'proof/PROOF_REQUIRED',
    ]);
    // A good destination without the proof: the proof alone.
    const proofOnly = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: uniqueEmail('new-box') } });
    expect(proofOnly.errors![0]!.extensions).toMatchObject({ reason: 'PROOF_REQUIRED', field: 'proof' });
    expect(proofOnly.errors![0]!.extensions!.fields).toHaveLength(1);
  });

  it('answers a wrong country and a number that cannot be read without it together', async () => {
    const user = await registerUser(t, 'sms-input');
    const both = await user.client.request(OPS.ENABLE, { input: { method: 'SMS', phoneNumber: '07911 123456', phoneCountry: 'GBR' } });
    expect(both.errors![0]!.extensions).toMatchObject({ reason: 'PHONE_INVALID', field: 'phoneCountry' });
    expect(both.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['phoneCountry', 'phoneNumber']);
    // In international form the number needs no country: the country alone is wrong.
    const country = await user.client.request(OPS.ENABLE, {
      input: { method: 'SMS', phoneNumber: '+44 7911 123456', phoneCountry: 'GBR' },
    });
    expect(country.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'phoneCountry', reason: 'PHONE_INVALID' })]);
  });

  it('names the session errors: not signed in, ended, wrong password, no role', async () => {
    const anonymous = await t.client.request(OPS.EVENTS);
    expect(anonymous.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'NOT_SIGNED_IN' });

    const user = await registerUser(t, 'session-errors');
    expect((await user.client.request(OPS.LOGOUT)).errors).toBeUndefined();
    const ended = await user.client.request(OPS.EVENTS);
    expect(ended.errors![0]).toMatchObject({
      message: 'Your session has ended. Please sign in again.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' },
    });

    const wrong = await t.client.request(OPS.LOGIN, { email: user.email, password: `${PASSWORD}!` });
    expect(wrong.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });

    const customer = await registerUser(t, 'no-role');
    const search = await customer.client.request(`query { searchUsers(query: "a") { id } }`);
    expect(search.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });

  it.each([
    ['a body that is not JSON', () => post(t, '{"query":'), 400, 'BAD_REQUEST', 'MALFORMED_JSON'],
    ['a body without a query', () => post(t, '{}'), 400, 'BAD_REQUEST', 'INVALID_REQUEST'],
    ['a document that does not parse', () => send(t, '{ me { email }'), 400, 'GRAPHQL_PARSE_FAILED', 'PARSE_FAILED'],
    ['an unknown field', () => send(t, '{ me { shoeSize } }'), 400, 'GRAPHQL_VALIDATION_FAILED', 'INVALID_DOCUMENT'],
    [
      'a variable of the wrong type',
      () => send(t, 'query($first: Int) { securityEvents(first: $first) { type } }', { first: 'ten' }),
      400,
      'BAD_USER_INPUT',
      'INVALID_VARIABLES',
    ],
    [
      'an operation name the document lacks',
      () => post(t, JSON.stringify({ query: 'query A { me { email } }', operationName: 'B' })),
      400,
      'OPERATION_RESOLUTION_FAILURE',
      'UNKNOWN_OPERATION',
    ],
    [
      'a persisted query the server does not know',
      () => post(t, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })),
      200,
      'PERSISTED_QUERY_NOT_FOUND',
      'PERSISTED_QUERY_NOT_FOUND',
    ],
  ] as const)('answers %s with a code and a reason of the catalogue', async (_label, request, status, code, reason) => {
    const answer = await request();
    expect(answer.status).toBe(status);
    expect(answer.body?.errors).toHaveLength(1);
    expect(answer.body!.errors![0]!.extensions).toMatchObject({ code, reason });
    expect(answer.body!.errors![0]!.message).toEqual(expect.any(String));
  });
});
