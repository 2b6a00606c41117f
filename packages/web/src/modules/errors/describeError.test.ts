/** @jest-environment node */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describeError, forCodeSource } from './describeError';
import { ErrorCode } from '../../generated/graphql';
import { formatWait, NETWORK_ERROR_WORDS, UNEXPECTED_ERROR_WORDS } from './errorWords';

function graphQLErrors(...errors: Array<{ message: string; extensions?: Record<string, unknown> }>) {
  return new CombinedGraphQLErrors({ data: null, errors });
}

describe('describeError', () => {
  it.each(Object.values(ErrorCode))('has words of its own for %s', (code) => {
    const described = describeError(graphQLErrors({ message: 'raw server text', extensions: { code } }));

    expect(described.code).toBe(code);
    expect(described.message).not.toBe('');
    expect(described.message).not.toContain('raw server text');
  });

  it('chooses by code, whatever the message says', () => {
    const error = graphQLErrors({ message: 'Incorrect e-mail or password.', extensions: { code: 'FORBIDDEN' } });

    expect(describeError(error, 'signIn').message).toBe('You do not have permission to do that.');
  });

  it('uses the words of the place where the error happened', () => {
    const error = graphQLErrors({ message: 'x', extensions: { code: 'UNAUTHENTICATED' } });

    expect(describeError(error, 'signIn').message).toBe('Incorrect e-mail or password.');
    expect(describeError(error).message).toBe('Your session has ended. Please sign in again.');
  });

  it('passes on the field of a BAD_USER_INPUT error and ignores unknown fields', () => {
    const password = graphQLErrors({ message: 'x', extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    const unknown = graphQLErrors({ message: 'x', extensions: { code: 'BAD_USER_INPUT', field: 'shoeSize' } });

    expect(describeError(password)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'password',
      message: 'The password must be 8 to 256 characters long.',
    });
    expect(describeError(unknown).field).toBeUndefined();
  });

  it('says when to retry after too many attempts, and stays general without a time', () => {
    const withTime = graphQLErrors({ message: 'x', extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 61 } });
    const withoutTime = graphQLErrors({ message: 'x', extensions: { code: 'TOO_MANY_ATTEMPTS' } });

    expect(describeError(withTime).message).toBe('Too many attempts. Try again in 2 minutes.');
    expect(describeError(withoutTime).message).toBe('Too many attempts. Please wait a while and try again.');
  });

  it('skips errors without a code and falls back to general words', () => {
    const mixed = graphQLErrors({ message: 'boom' }, { message: 'x', extensions: { code: 'CODE_EXPIRED', reason: 'CODE_EXPIRED' } });

    expect(describeError(mixed).code).toBe('CODE_EXPIRED');
    expect(describeError(graphQLErrors({ message: 'boom' })).message).toBe(UNEXPECTED_ERROR_WORDS);
    expect(describeError(graphQLErrors({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'UNEXPECTED' } }))).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'UNEXPECTED',
      message: UNEXPECTED_ERROR_WORDS,
    });
  });

  it("says a code it does not know yet in the server's own words", () => {
    const newer = graphQLErrors({
      message: 'Your plan does not include this.',
      extensions: { code: 'PAYMENT_REQUIRED', reason: 'PLAN_LIMIT' },
    });

    expect(describeError(newer)).toEqual({ message: 'Your plan does not include this.' });
  });

  it('describes every input problem of the request, each at its field, the first as `field`', () => {
    const both = graphQLErrors({
      message: 'Enter a valid e-mail address.',
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'EMAIL_INVALID',
        field: 'email',
        fields: [
          { field: 'email', reason: 'EMAIL_INVALID', message: 'Enter a valid e-mail address.' },
          { field: 'password', reason: 'PASSWORD_LENGTH', message: 'server words' },
          { field: 'shoeSize', reason: 'TOO_BIG', message: 'ignored: no form has it' },
        ],
      },
    });

    expect(describeError(both, 'register')).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'EMAIL_INVALID',
      field: 'email',
      message: 'Enter a valid e-mail address.',
      fields: [
        { field: 'email', reason: 'EMAIL_INVALID', message: 'Enter a valid e-mail address.' },
        { field: 'password', reason: 'PASSWORD_LENGTH', message: 'The password must be 8 to 256 characters long.' },
      ],
    });
  });

  it('treats anything but a GraphQL answer as the server being out of reach', () => {
    const serverError = new ServerError('Bad gateway', {
      response: new Response('', { status: 502 }),
      bodyText: '',
    });

    expect(describeError(new TypeError('Failed to fetch')).message).toBe(NETWORK_ERROR_WORDS);
    expect(describeError(serverError).message).toBe(NETWORK_ERROR_WORDS);
  });
});

describe('formatWait', () => {
  it.each([
    [0.2, '1 second'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('says %s seconds as "%s", never shorter than the real wait', (seconds, words) => {
    expect(formatWait(seconds)).toBe(words);
  });

  it('says a code already used in the words of where it came from, and leaves other refusals alone', () => {
    const used = describeError(graphQLErrors({ message: 'x', extensions: { code: 'INVALID_CODE', reason: 'CODE_ALREADY_USED' } }));
    expect(forCodeSource(used, 'authenticator').message).toBe(
      'This code was just used. Wait for the next code of your authenticator app (a new one every 30 seconds), then enter it.',
    );
    expect(forCodeSource(used, 'sent').message).toBe('That code was already used. Ask for a new code, then enter it.');
    expect(forCodeSource(used, 'recovery').message).toBe(
      'That recovery code was already used: each one works once. Enter another of your recovery codes.',
    );
    const wrong = describeError(graphQLErrors({ message: 'x', extensions: { code: 'INVALID_CODE', reason: 'INVALID_CODE' } }));
    expect(forCodeSource(wrong, 'recovery')).toEqual(wrong);
  });
});
