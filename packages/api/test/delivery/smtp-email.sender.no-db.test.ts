import type { EmailMessage } from '../../src/delivery/delivery.types';
import { SmtpEmailSender, type SmtpOptions } from '../../src/delivery/smtp/smtp-email.sender';
import { verificationCodeEmail } from '../../src/delivery/templates';
import { closedPortUrl, deliveryFailure, expectNoSecrets } from './support/provider-stub';
import { selfSignedCertificate, SilentServer, SmtpTestServer, type TestCertificate } from './support/smtp-test-server';

const LOGIN = { user: 'latchkey@hostkey.test', password: 'smtp-Pa55word-of-the-relay' };
const CODE = '482913';
const SHORT_TIMEOUT_MS = 300;
const DATA_TIMEOUT_MS = 2_000;
const content = verificationCodeEmail({ issuerName: 'HostKey', code: CODE, purpose: 'login' });
const message: EmailMessage = { to: 'john.doe@example.com', ...content, code: CODE };
const SECRETS = [LOGIN.password, CODE, content.text, content.html];

let certificate: TestCertificate;

beforeAll(async () => {
  certificate = await selfSignedCertificate();
});

function sender(port: number, options: Partial<SmtpOptions> = {}): SmtpEmailSender {
  return new SmtpEmailSender({
    host: '127.0.0.1',
    port,
    tls: 'starttls',
    ca: certificate.cert,
    auth: LOGIN,
    from: 'no-reply@hostkey.test',
    fromName: 'HostKey',
    timeoutMs: 5_000,
    ...options,
  });
}

describe('SmtpEmailSender over STARTTLS with a login (a real SMTP server, a certificate made for the test)', () => {
  let server: SmtpTestServer;

  beforeAll(async () => {
    server = await SmtpTestServer.start({ tls: 'starttls', certificate, login: LOGIN });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('logs in, upgrades to TLS and hands over the sender, recipient, subject, text and HTML', async () => {
    await sender(server.port).send(message);

    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail).toMatchObject({ mailFrom: 'no-reply@hostkey.test', rcptTo: ['john.doe@example.com'], user: LOGIN.user, secure: true });
    expect(mail!.parsed.from?.value).toEqual([{ address: 'no-reply@hostkey.test', name: 'HostKey' }]);
    expect(mail!.parsed.to).toMatchObject({ value: [{ address: 'john.doe@example.com' }] });
    expect(mail!.parsed.subject).toBe('HOSTKEY: email verification code');
    expect(mail!.parsed.text).toBe(content.text);
    expect(mail!.parsed.html).toBe(content.html);
  });

  it('refuses a certificate it was not told to trust: "rejected", nothing sent', async () => {
    const error = await deliveryFailure(sender(server.port, { ca: undefined }).send(message));

    expect(error).toMatchObject({ provider: 'smtp', channel: 'email', reason: 'rejected', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(server.received).toHaveLength(0);
    expectNoSecrets(error, SECRETS);
  });

  it('turns a wrong password (535) into "rejected" without echoing the password', async () => {
    const error = await deliveryFailure(sender(server.port, { auth: { user: LOGIN.user, password: 'wrong-password-here' } }).send(message));

    expect(error).toMatchObject({ provider: 'smtp', reason: 'rejected' });
    expect(error.detail).toMatch(/^AUTH PLAIN: 535 /);
    expectNoSecrets(error, [...SECRETS, 'wrong-password-here']);
  });

  it('turns a 5xx for the recipient into "rejected", with the reply scrubbed', async () => {
    server.refuseRecipient = { code: 550, message: `No such user here (${CODE})` };

    const error = await deliveryFailure(sender(server.port).send(message));

    expect(error).toMatchObject({ provider: 'smtp', channel: 'email', reason: 'rejected' });
    expect(error.detail).toBe('RCPT TO: 550 No such user here ([redacted])');
    expect(server.received).toHaveLength(0);
    expectNoSecrets(error, SECRETS);
  });

  it('turns a 4xx into "unavailable": the server asks to try later', async () => {
    server.refuseRecipient = { code: 451, message: 'Greylisted, please try again later' };

    const error = await deliveryFailure(sender(server.port).send(message));

    expect(error).toMatchObject({ provider: 'smtp', reason: 'unavailable', detail: 'RCPT TO: 451 Greylisted, please try again later' });
    expectNoSecrets(error, SECRETS);
  });

  it('gives up after the configured time when the server takes the message and never answers', async () => {
    server.stallData = true;
    const started = Date.now();

    // Long enough to get through TLS and the login to the message itself.
    const error = await deliveryFailure(sender(server.port, { timeoutMs: DATA_TIMEOUT_MS }).send(message));

    expect(error).toMatchObject({ provider: 'smtp', reason: 'timeout' });
    expect(server.stalledMessages).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(DATA_TIMEOUT_MS - 20);
    expect(Date.now() - started).toBeLessThan(DATA_TIMEOUT_MS + 1_500);
    expectNoSecrets(error, SECRETS);
  });

  it('works again on the next send after a failure', async () => {
    server.refuseRecipient = { code: 451, message: 'Try later' };
    await deliveryFailure(sender(server.port).send(message));
    server.refuseRecipient = undefined;

    await expect(sender(server.port).send(message)).resolves.toBeUndefined();
    expect(server.received).toHaveLength(1);
  });
});

describe('SmtpEmailSender and the other ways of TLS', () => {
  it('speaks TLS from the first byte with tls "implicit"', async () => {
    const server = await SmtpTestServer.start({ tls: 'implicit', certificate, login: LOGIN });
    try {
      await sender(server.port, { tls: 'implicit' }).send(message);
      expect(server.received.map((mail) => [mail.secure, mail.user])).toEqual([[true, LOGIN.user]]);
    } finally {
      await server.close();
    }
  });

  it('refuses to go on in plain text when STARTTLS is required and the server does not offer it', async () => {
    const server = await SmtpTestServer.start({ tls: 'none', login: LOGIN });
    try {
      const error = await deliveryFailure(sender(server.port).send(message));

      expect(error).toMatchObject({ provider: 'smtp', reason: 'rejected' });
      expect(error.detail).toBe('STARTTLS: 500 Error: command not recognized');
      expect(server.received).toHaveLength(0);
      expectNoSecrets(error, SECRETS);
    } finally {
      await server.close();
    }
  });

  it('sends in plain text, without a login, with tls "none" (a relay on this machine)', async () => {
    const server = await SmtpTestServer.start({ tls: 'none' });
    try {
      await sender(server.port, { tls: 'none', auth: undefined, ca: undefined, fromName: undefined }).send(message);
      const [mail] = server.received;
      expect(mail).toMatchObject({ secure: false, mailFrom: 'no-reply@hostkey.test' });
      expect(mail!.user).toBeUndefined();
      expect(mail!.parsed.from?.value).toEqual([{ address: 'no-reply@hostkey.test', name: '' }]);
    } finally {
      await server.close();
    }
  });
});

describe('SmtpEmailSender when the server is not there', () => {
  it('times out when the server accepts the connection and never greets', async () => {
    const silent = await SilentServer.start();
    try {
      const started = Date.now();
      const error = await deliveryFailure(sender(silent.port, { timeoutMs: SHORT_TIMEOUT_MS }).send(message));

      expect(error).toMatchObject({ provider: 'smtp', channel: 'email', reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS + 1_500);
      expectNoSecrets(error, SECRETS);
    } finally {
      await silent.close();
    }
  });

  it('turns a refused connection into "unavailable"', async () => {
    const port = Number(new URL(await closedPortUrl()).port);

    const error = await deliveryFailure(sender(port).send(message));

    expect(error).toMatchObject({ provider: 'smtp', channel: 'email', reason: 'unavailable', detail: 'ECONNREFUSED' });
  });
});
