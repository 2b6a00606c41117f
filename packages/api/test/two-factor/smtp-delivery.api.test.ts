import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OneTimeCodeEntity } from '../../src/modules/two-factor/entities/one-time-code.entity';
import { selfSignedCertificate, SmtpTestServer } from '../delivery/support/smtp-test-server';
import { errorCode } from '../support/graphql-client';
import { OPS, registerUser, uniqueEmail } from '../support/flows';
import { rememberSecret } from '../support/secrets-seen';
import { startTestApp, type TestApp } from '../support/test-app';

const LOGIN = { user: 'latchkey', password: 'relay-Pa55word-for-tests' };

describe('e-mail codes through EMAIL_PROVIDER=smtp (a real SMTP server with STARTTLS and a login)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let certificateDir: string;

  beforeAll(async () => {
    const certificate = await selfSignedCertificate();
    certificateDir = mkdtempSync(path.join(tmpdir(), 'latchkey-smtp-ca-'));
    writeFileSync(path.join(certificateDir, 'relay.pem'), certificate.cert);
    smtp = await SmtpTestServer.start({ tls: 'starttls', certificate, login: LOGIN });
    rememberSecret(LOGIN.password);
    t = await startTestApp({
      EMAIL_PROVIDER: 'smtp',
      EMAIL_FROM: 'security@hostkey.example',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: LOGIN.user,
      SMTP_PASSWORD: LOGIN.password,
      SMTP_CA_FILE: path.join(certificateDir, 'relay.pem'),
      DELIVERY_TIMEOUT_MS: '5000',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    rmSync(certificateDir, { recursive: true, force: true });
  });
  beforeEach(() => smtp.reset());

  it('delivers the set-up code by SMTP, and the code verifies', async () => {
    const user = await registerUser(t);
    smtp.reset(); // forget the registration's verification link: the codes are what these tests read
    const address = uniqueEmail('smtp');

    const sent = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });

    expect(sent.data!.enableTwoFactor.message).toBe('The code was sent to the email address provided');
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ mailFrom: 'security@hostkey.example', rcptTo: [address], user: LOGIN.user, secure: true });
    expect(mail!.parsed.subject).toBe('HOSTKEY: email verification code');
    const code = /(?<!\d)(\d{6})(?!\d)/.exec(mail!.parsed.text ?? '')?.[1];
    expect(code).toBeDefined();
    rememberSecret(code!);
    expect(mail!.parsed.html).toContain(code);

    const verified = await user.client.request(OPS.VERIFY, { code });
    expect(verified.data!.verifyTwoFactor.settings).toMatchObject({ enabled: true, method: 'EMAIL' });
  });

  it('answers DELIVERY_FAILED when the server refuses the recipient (5xx), spends nothing, and a retry right away works', async () => {
    const user = await registerUser(t);
    smtp.reset(); // forget the registration's verification link: the codes are what these tests read
    const address = uniqueEmail('refused');
    smtp.refuseRecipient = { code: 550, message: 'Mailbox unavailable' };

    const failed = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });

    expect(errorCode(failed)).toBe('DELIVERY_FAILED');
    expect(failed.errors![0]!.message).toBe('The code could not be sent. Nothing was changed; please try again.');
    expect((await user.client.request(OPS.SETTINGS)).data!.twoFactorSettings.pending).toBeNull();
    expect(await t.app.dataSource.getRepository(OneTimeCodeEntity).countBy({ destination: address })).toBe(0);

    smtp.refuseRecipient = undefined;
    const sent = await user.client.request(OPS.ENABLE, { input: { method: 'EMAIL', email: address } });
    expect(sent.errors).toBeUndefined();
    expect(smtp.received.map((mail) => mail.rcptTo)).toEqual([[address]]);
  });
});
