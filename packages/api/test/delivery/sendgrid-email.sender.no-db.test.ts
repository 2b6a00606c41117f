import { DeliveryError } from '../../src/delivery/delivery-error';
import type { EmailMessage } from '../../src/delivery/delivery.types';
import { SendGridEmailSender, type SendGridOptions } from '../../src/delivery/sendgrid/sendgrid-email.sender';
import { verificationCodeEmail } from '../../src/delivery/templates';
import { closedPortUrl, deliveryFailure, expectNoSecrets, json, neverAnswer, ProviderStub } from './support/provider-stub';

const API_KEY = 'SG.test-key.Zm9vYmFyYmF6';
const CODE = '482913';
const SHORT_TIMEOUT_MS = 300;
const content = verificationCodeEmail({ issuerName: 'HostKey', code: CODE, purpose: 'login' });
const message: EmailMessage = { to: 'john.doe@example.com', ...content, code: CODE };
const SECRETS = [API_KEY, CODE, content.text, content.html];

let stub: ProviderStub;

beforeAll(async () => {
  stub = await ProviderStub.start();
});
afterAll(() => stub.close());
beforeEach(() => stub.reset((_request, response) => response.writeHead(202).end()));

function sender(options: Partial<SendGridOptions> = {}): SendGridEmailSender {
  return new SendGridEmailSender({
    apiKey: API_KEY,
    baseUrl: stub.url,
    from: 'no-reply@hostkey.test',
    fromName: 'HostKey',
    timeoutMs: 5_000,
    ...options,
  });
}

describe('SendGridEmailSender', () => {
  it('POSTs /v3/mail/send with the bearer key, the sender, the recipient, subject, text and HTML', async () => {
    await sender().send(message);

    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v3/mail/send');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      personalizations: [{ to: [{ email: 'john.doe@example.com' }] }],
      from: { email: 'no-reply@hostkey.test', name: 'HostKey' },
      subject: 'HOSTKEY: email verification code',
      content: [
        { type: 'text/plain', value: content.text },
        { type: 'text/html', value: content.html },
      ],
      tracking_settings: {
        click_tracking: { enable: false, enable_text: false },
        open_tracking: { enable: false },
        subscription_tracking: { enable: false },
      },
    });
  });

  it('keeps its key and base URL to itself: two senders with different settings do not interfere', async () => {
    const other = await ProviderStub.start();
    try {
      other.respond = (_request, response) => response.writeHead(202).end();
      const first = sender();
      const second = sender({ apiKey: 'SG.other-key', baseUrl: other.url });
      await Promise.all([first.send(message), second.send({ ...message, to: 'jane@example.org' })]);
      await first.send(message);

      expect(stub.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
      expect(other.requests.map((r) => r.headers.authorization)).toEqual(['Bearer SG.other-key']);
      expect(JSON.parse(other.requests[0]?.body ?? '').personalizations).toEqual([{ to: [{ email: 'jane@example.org' }] }]);
    } finally {
      await other.close();
    }
  });

  it('sends only the address when no sender name is configured', async () => {
    await sender({ fromName: undefined }).send(message);
    expect(JSON.parse(stub.requests[0]?.body ?? '').from).toEqual({ email: 'no-reply@hostkey.test' });
  });

  it('turns a 4xx into "rejected" with SendGrid\'s explanation, scrubbed of the key and the code', async () => {
    stub.respond = (_request, response) =>
      json(response, 400, {
        errors: [
          { message: 'The from address does not match a verified Sender Identity.', field: 'from.email', help: null },
          // A hostile or buggy proxy echoing the request back.
          { message: `Echo: Bearer ${API_KEY} ${CODE}`, field: null, help: null },
        ],
      });

    const error = await deliveryFailure(sender().send(message));

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ provider: 'sendgrid', channel: 'email', reason: 'rejected', httpStatus: 400 });
    expect(error.message).toContain('HTTP 400');
    expect(error.message).toContain('from.email: The from address does not match a verified Sender Identity.');
    expect(error.detail).toContain('[redacted]');
    expectNoSecrets(error, SECRETS);
  });

  it('turns a 401 (bad key) into "rejected"', async () => {
    stub.respond = (_request, response) =>
      json(response, 401, { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked' }] });

    const error = await deliveryFailure(sender().send(message));

    expect(error).toMatchObject({ reason: 'rejected', httpStatus: 401 });
    expectNoSecrets(error, SECRETS);
  });

  it.each([500, 503, 429])('turns HTTP %i into "unavailable"', async (status) => {
    stub.respond = (_request, response) => json(response, status, { errors: [{ message: 'try later' }] });

    const error = await deliveryFailure(sender().send(message));

    expect(error).toMatchObject({ provider: 'sendgrid', channel: 'email', reason: 'unavailable', httpStatus: status });
    expectNoSecrets(error, SECRETS);
  });

  it('gives up after the configured time when SendGrid never answers', async () => {
    stub.respond = neverAnswer;
    const started = Date.now();

    const error = await deliveryFailure(sender({ timeoutMs: SHORT_TIMEOUT_MS }).send(message));

    expect(error).toMatchObject({ provider: 'sendgrid', channel: 'email', reason: 'timeout' });
    expect(error.httpStatus).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 20);
    expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS + 1_500);
    expect(stub.requests).toHaveLength(1);
    expectNoSecrets(error, SECRETS);
  });

  it('keeps to the deadline even when SendGrid trickles bytes that keep the socket alive', async () => {
    stub.respond = (_request, response) => {
      response.writeHead(202, { 'content-type': 'application/json' });
      const drip = setInterval(() => response.write(' '), SHORT_TIMEOUT_MS / 5);
      response.on('close', () => clearInterval(drip));
    };
    const started = Date.now();

    const error = await deliveryFailure(sender({ timeoutMs: SHORT_TIMEOUT_MS }).send(message));

    expect(error).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS + 1_500);
  });

  it('turns a refused connection into "unavailable"', async () => {
    const error = await deliveryFailure(sender({ baseUrl: await closedPortUrl() }).send(message));

    expect(error).toMatchObject({ provider: 'sendgrid', channel: 'email', reason: 'unavailable', detail: 'ECONNREFUSED' });
    expectNoSecrets(error, SECRETS);
  });

  it('works again on the next send after a failure', async () => {
    stub.respond = (_request, response) => json(response, 503, {});
    await deliveryFailure(sender().send(message));
    stub.respond = (_request, response) => response.writeHead(202).end();

    await expect(sender().send(message)).resolves.toBeUndefined();
    expect(stub.requests).toHaveLength(2);
  });
});
