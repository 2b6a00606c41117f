import type { ServerResponse } from 'node:http';
import { DeliveryError } from '../../src/delivery/delivery-error';
import type { SmsMessage } from '../../src/delivery/delivery.types';
import { verificationCodeSms } from '../../src/delivery/templates';
import { VonageSmsSender, type VonageOptions } from '../../src/delivery/vonage/vonage-sms.sender';
import { closedPortUrl, deliveryFailure, expectNoSecrets, json, neverAnswer, ProviderStub } from './support/provider-stub';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Sup3rS3cretValue';
const CODE = '705162';
const SHORT_TIMEOUT_MS = 300;
const message: SmsMessage = { to: '+4915112345678', text: verificationCodeSms({ issuerName: 'HostKey', code: CODE }), code: CODE };
const SECRETS = [API_KEY, API_SECRET, CODE, message.text];

/** What the SMS API answers for one message part: HTTP 200 and the verdict in `status`. */
function smsAnswer(response: ServerResponse, status: string, errorText?: string): void {
  json(response, 200, {
    'message-count': '1',
    messages: [
      status === '0'
        ? {
            to: '4915112345678',
            'message-id': '0A0000000123ABCD1',
            status: '0',
            'remaining-balance': '3.14159265',
            'message-price': '0.03330000',
            network: '26202',
          }
        : { status, 'error-text': errorText },
    ],
  });
}

let stub: ProviderStub;

beforeAll(async () => {
  stub = await ProviderStub.start();
});
afterAll(() => stub.close());
beforeEach(() => stub.reset((_request, response) => smsAnswer(response, '0')));

function sender(options: Partial<VonageOptions> = {}): VonageSmsSender {
  return new VonageSmsSender({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    from: 'HostKey',
    baseUrl: stub.url,
    timeoutMs: 5_000,
    ...options,
  });
}

describe('VonageSmsSender', () => {
  it('POSTs /sms/json with key and secret as Basic auth, the sender, the number without "+" and the text', async () => {
    await sender().send(message);

    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/sms/json');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? '')).toEqual({ from: 'HostKey', to: '4915112345678', text: 'HostKey code: 705162' });
  });

  it('sends from a number in E.164 without its "+", and as unicode when the text is outside GSM 03.38', async () => {
    await sender({ from: '+15551234567' }).send({ ...message, text: 'Хостинг code: 705162' });

    expect(JSON.parse(stub.requests[0]?.body ?? '')).toEqual({
      from: '15551234567',
      to: '4915112345678',
      text: 'Хостинг code: 705162',
      type: 'unicode',
    });
  });

  it('turns a 200 carrying an error status into "rejected", with Vonage\'s status and words', async () => {
    stub.respond = (_request, response) => smsAnswer(response, '4', 'Bad Credentials');

    const error = await deliveryFailure(sender().send(message));

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ provider: 'vonage', channel: 'sms', reason: 'rejected', detail: 'Vonage status 4: Bad Credentials' });
    expect(error.httpStatus).toBeUndefined();
    expectNoSecrets(error, SECRETS);
  });

  it('scrubs secrets Vonage (or a proxy) echoes in its error text', async () => {
    stub.respond = (_request, response) => smsAnswer(response, '15', `Invalid sender for ${API_KEY}:${API_SECRET} text ${message.text}`);

    const error = await deliveryFailure(sender().send(message));

    expect(error).toMatchObject({ reason: 'rejected' });
    expect(error.detail).toBe('Vonage status 15: Invalid sender for [redacted]:[redacted] text [redacted]');
    expectNoSecrets(error, SECRETS);
  });

  it('treats "throttled" and Vonage\'s internal error as "unavailable": a retry later may pass', async () => {
    for (const [status, text] of [
      ['1', 'Throttled'],
      ['5', 'Internal Error'],
    ] as const) {
      stub.respond = (_request, response) => smsAnswer(response, status, text);
      const error = await deliveryFailure(sender().send(message));
      expect(error).toMatchObject({ reason: 'unavailable', detail: `Vonage status ${status}: ${text}` });
    }
  });

  it('does not take a 200 without any message status for a delivery', async () => {
    stub.respond = (_request, response) => json(response, 200, { 'message-count': '0', messages: [] });

    const error = await deliveryFailure(sender().send(message));

    expect(error).toMatchObject({ provider: 'vonage', reason: 'unavailable' });
  });

  it('turns an HTTP 401 into "rejected"', async () => {
    stub.respond = (_request, response) => json(response, 401, { type: 'UNAUTHORIZED', title: 'Invalid credentials supplied' });

    const error = await deliveryFailure(sender().send(message));

    expect(error).toMatchObject({ provider: 'vonage', channel: 'sms', reason: 'rejected', httpStatus: 401 });
    expectNoSecrets(error, SECRETS);
  });

  it.each([500, 502, 429])('turns HTTP %i into "unavailable"', async (status) => {
    stub.respond = (_request, response) => json(response, status, {});

    const error = await deliveryFailure(sender().send(message));

    expect(error).toMatchObject({ provider: 'vonage', channel: 'sms', reason: 'unavailable', httpStatus: status });
    expectNoSecrets(error, SECRETS);
  });

  it('gives up after the configured time when Vonage never answers', async () => {
    stub.respond = neverAnswer;
    const started = Date.now();

    const error = await deliveryFailure(sender({ timeoutMs: SHORT_TIMEOUT_MS }).send(message));

    expect(error).toMatchObject({ provider: 'vonage', channel: 'sms', reason: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 20);
    expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS + 1_500);
    expect(stub.requests).toHaveLength(1);
    expectNoSecrets(error, SECRETS);
  });

  it('turns a refused connection into "unavailable"', async () => {
    const error = await deliveryFailure(sender({ baseUrl: await closedPortUrl() }).send(message));

    expect(error).toMatchObject({ provider: 'vonage', channel: 'sms', reason: 'unavailable', detail: 'ECONNREFUSED' });
    expectNoSecrets(error, SECRETS);
  });

  it('works again on the next send after a failure', async () => {
    stub.respond = (_request, response) => json(response, 503, {});
    await deliveryFailure(sender().send(message));
    stub.respond = (_request, response) => smsAnswer(response, '0');

    await expect(sender().send(message)).resolves.toBeUndefined();
    expect(stub.requests).toHaveLength(2);
  });
});
