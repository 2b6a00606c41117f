import { classifyNetworkError, DeliveryError, innermostMessage, reasonForStatus, scrubDetail } from '../../src/delivery/delivery-error';

describe('DeliveryError', () => {
  it('says channel, provider, reason, status and detail in one line, and serialises the same fields', () => {
    const error = new DeliveryError({
      provider: 'sendgrid',
      channel: 'email',
      reason: 'rejected',
      httpStatus: 403,
      detail: 'from.email: not verified',
    });

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DeliveryError');
    expect(error.message).toBe(
      'E-mail delivery through sendgrid failed: the provider rejected the message (HTTP 403: from.email: not verified)',
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'DeliveryError',
      message: error.message,
      provider: 'sendgrid',
      channel: 'email',
      reason: 'rejected',
      httpStatus: 403,
      detail: 'from.email: not verified',
    });
  });

  it('leaves out what it does not know', () => {
    const error = new DeliveryError({ provider: 'vonage', channel: 'sms', reason: 'timeout' });
    expect(error.message).toBe('SMS delivery through vonage failed: the provider did not answer in time');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'DeliveryError',
      message: error.message,
      provider: 'vonage',
      channel: 'sms',
      reason: 'timeout',
    });
    expect(error.httpStatus).toBeUndefined();
  });
});

describe('reasonForStatus', () => {
  it.each([
    [400, 'rejected'],
    [401, 'rejected'],
    [403, 'rejected'],
    [413, 'rejected'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [503, 'unavailable'],
  ])('HTTP %i → %s', (status, reason) => {
    expect(reasonForStatus(status)).toBe(reason);
  });
});

describe('scrubDetail', () => {
  it('blanks every secret, the longest first, and folds whitespace', () => {
    expect(scrubDetail('body was "Your code:\n 123456" key KEY-1', ['123456', 'Your code:\n 123456', 'KEY-1', undefined, ''])).toBe(
      'body was "[redacted]" key [redacted]',
    );
  });

  it('leaves strings too short to be a code or a key alone', () => {
    expect(scrubDetail('fetch failed', ['t', 'fe', ''])).toBe('fetch failed');
  });

  it('cuts long texts and drops empty ones', () => {
    expect(scrubDetail('x'.repeat(500), [])).toHaveLength(200);
    expect(scrubDetail('   ', [])).toBeUndefined();
    expect(scrubDetail(undefined, ['a'])).toBeUndefined();
  });
});

describe('classifyNetworkError', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it('finds the socket code behind fetch\'s "fetch failed", also inside an AggregateError', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]) });
    expect(classifyNetworkError(fetchFailed)).toEqual({ reason: 'unavailable', code: 'ECONNREFUSED' });
    expect(classifyNetworkError(withCode('ENOTFOUND'))).toEqual({ reason: 'unavailable', code: 'ENOTFOUND' });
  });

  it('reads time-outs from axios codes, undici codes and abort errors', () => {
    expect(classifyNetworkError(withCode('ECONNABORTED'))?.reason).toBe('timeout');
    expect(classifyNetworkError(new TypeError('fetch failed', { cause: withCode('UND_ERR_CONNECT_TIMEOUT') }))?.reason).toBe('timeout');
    expect(classifyNetworkError(new DOMException('This operation was aborted', 'AbortError'))?.reason).toBe('timeout');
  });

  it('answers undefined for errors that carry no network sign', () => {
    expect(classifyNetworkError(new Error('Provide at least one of to, cc or bcc'))).toBeUndefined();
    expect(classifyNetworkError('a string')).toBeUndefined();
  });
});

describe('innermostMessage', () => {
  it('follows the cause chain to the root', () => {
    expect(innermostMessage(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBe('bad port');
    expect(innermostMessage(new Error('plain'))).toBe('plain');
    expect(innermostMessage('not an error')).toBeUndefined();
  });
});
