import {
  accountLinkEmail,
  escapeHtml,
  formatUtc,
  securityNoticeEmail,
  verificationCodeEmail,
  verificationCodeSms,
  type SecurityEvent,
} from '../../src/delivery/templates';

const WHEN = new Date('2025-11-28T04:14:59Z');
const EVENTS: SecurityEvent[] = [
  'TWO_FACTOR_ENABLED',
  'TWO_FACTOR_SWITCHED',
  'TWO_FACTOR_DISABLED',
  'TWO_FACTOR_RESET',
  'TWO_FACTOR_KEY_ADDED',
  'TWO_FACTOR_KEY_REMOVED',
  'RECOVERY_CODE_USED',
  'LOCKOUT_STARTED',
  'REMEMBERED_BROWSER_COPIED',
  'PASSWORD_RESET',
  'PASSWORD_CHANGED',
  'EMAIL_CHANGED',
  'NEW_DEVICE_SIGN_IN',
  'API_TOKEN_CREATED',
];

describe('verificationCodeEmail', () => {
  it("has the seed's subject word for word", () => {
    expect(verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose: 'enroll' }).subject).toBe(
      'HOSTKEY: email verification code',
    );
    expect(verificationCodeEmail({ issuerName: 'Acme Hosting', code: '123456', purpose: 'login' }).subject).toBe(
      'ACME HOSTING: email verification code',
    );
  });

  it.each(['enroll', 'login', 'proof'] as const)(
    'says the code, 10 minutes and "ignore it if you did not ask" in both bodies (%s)',
    (purpose) => {
      const { text, html } = verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose });
      for (const body of [text, html]) {
        expect(body).toContain('123456');
        expect(body).toContain('valid for 10 minutes');
        expect(body).toContain('If you did not ask for this code, ignore this message');
      }
      expect(text).not.toMatch(/<[a-z]/i);
      expect(html).toMatch(/^<!DOCTYPE html>/);
    },
  );

  it('tells signing in, setting up and proving control before a change apart', () => {
    const text = (purpose: 'enroll' | 'login' | 'proof') => verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose }).text;
    expect(text('login')).toContain('finish signing in');
    expect(text('enroll')).toContain('finish setting up two-factor authentication by e-mail');
    expect(text('proof')).toContain('confirm a change of your two-factor authentication');
    expect(text('proof')).not.toContain('setting up');
  });

  it('takes the validity from the caller when it differs', () => {
    expect(verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose: 'login', validForMinutes: 5 }).text).toContain(
      'valid for 5 minutes',
    );
  });

  it('escapes the issuer name and the code in the HTML body, and only there', () => {
    const issuerName = `Tom & Jerry's <b>"Hosting"</b>`;
    const { subject, text, html } = verificationCodeEmail({ issuerName, code: '<script>', purpose: 'login' });

    expect(html).toContain('Tom &amp; Jerry&#39;s &lt;b&gt;&quot;Hosting&quot;&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(text).toContain(issuerName);
    expect(subject).toBe(`TOM & JERRY'S <B>"HOSTING"</B>: email verification code`);
  });
});

describe('verificationCodeSms', () => {
  it('is exactly "<Issuer> code: <code>"', () => {
    expect(verificationCodeSms({ issuerName: 'HostKey', code: '123456' })).toBe('HostKey code: 123456');
  });
});

describe('securityNoticeEmail', () => {
  it('gives every event its own "<ISSUER>: …" subject and says when it happened, in UTC', () => {
    const notices = EVENTS.map((event) => securityNoticeEmail({ issuerName: 'HostKey', event, when: WHEN }));

    expect(notices.map((n) => n.subject)).toEqual([
      'HOSTKEY: two-factor authentication enabled',
      'HOSTKEY: two-factor method changed',
      'HOSTKEY: two-factor authentication disabled',
      'HOSTKEY: two-factor authentication reset by support',
      'HOSTKEY: security key added',
      'HOSTKEY: security key removed',
      'HOSTKEY: recovery code used',
      'HOSTKEY: two-factor checks locked',
      'HOSTKEY: a remembered browser was forgotten',
      'HOSTKEY: password reset',
      'HOSTKEY: password changed',
      'HOSTKEY: e-mail address changed',
      'HOSTKEY: sign-in from a new device',
      'HOSTKEY: new API token',
    ]);
    for (const { text, html } of notices) {
      expect(text).toContain('2025-11-28 04:14 UTC');
      expect(html).toContain('2025-11-28 04:14 UTC');
      expect(text).toMatch(/change your password/i);
      expect(text).not.toMatch(/<[a-z]/i);
    }
  });

  it('names the new method, the end of a lockout and the recovery codes left when given', () => {
    expect(
      securityNoticeEmail({ issuerName: 'HostKey', event: 'TWO_FACTOR_SWITCHED', when: WHEN, methodName: 'an authenticator app' }).text,
    ).toContain('it is now an authenticator app');
    expect(
      securityNoticeEmail({ issuerName: 'HostKey', event: 'LOCKOUT_STARTED', when: WHEN, lockedUntil: new Date('2025-11-28T04:29:59Z') })
        .text,
    ).toContain('until 2025-11-28 04:29 UTC');
    expect(
      securityNoticeEmail({ issuerName: 'HostKey', event: 'RECOVERY_CODE_USED', when: WHEN, recoveryCodesRemaining: 1 }).text,
    ).toContain('1 recovery code is left');
    expect(
      securityNoticeEmail({ issuerName: 'HostKey', event: 'RECOVERY_CODE_USED', when: WHEN, recoveryCodesRemaining: 9 }).text,
    ).toContain('9 recovery codes are left');
  });

  it('names the device of a new sign-in and the new address of a change', () => {
    expect(
      securityNoticeEmail({ issuerName: 'HostKey', event: 'NEW_DEVICE_SIGN_IN', when: WHEN, device: 'Firefox on Linux', ip: '203.0.113.9' })
        .text,
    ).toContain('not seen in the last 30 days: Firefox on Linux, IP address 203.0.113.9.');
    expect(
      securityNoticeEmail({ issuerName: 'HostKey', event: 'EMAIL_CHANGED', when: WHEN, newAddress: 'n***@example.com' }).text,
    ).toContain('changed on 2025-11-28 04:14 UTC to n***@example.com.');
  });

  it('names the security key added or removed, when it has a name', () => {
    expect(securityNoticeEmail({ issuerName: 'HostKey', event: 'TWO_FACTOR_KEY_ADDED', when: WHEN, keyName: 'YubiKey' }).text).toContain(
      'A security key or passkey named "YubiKey" was added to the two-factor authentication of your account on 2025-11-28 04:14 UTC.',
    );
    expect(securityNoticeEmail({ issuerName: 'HostKey', event: 'TWO_FACTOR_KEY_REMOVED', when: WHEN }).text).toContain(
      'A security key or passkey was removed from the two-factor authentication of your account on 2025-11-28 04:14 UTC.',
    );
  });

  it('escapes the issuer name and the name of a key in the HTML body', () => {
    const { html } = securityNoticeEmail({ issuerName: 'A<B>', event: 'TWO_FACTOR_RESET', when: WHEN });
    expect(html).toContain('A&lt;B&gt;');
    expect(html).not.toContain('A<B>');
    const key = securityNoticeEmail({ issuerName: 'HostKey', event: 'TWO_FACTOR_KEY_ADDED', when: WHEN, keyName: '<img src=x>' });
    expect(key.html).toContain('named &quot;&lt;img src=x&gt;&quot;');
    expect(key.html).not.toContain('<img');
  });
});

describe('accountLinkEmail', () => {
  const url = 'https://panel.example.com/reset-password#token=abc';

  it('gives each link its subject, the address as a link and as text, and how long it works', () => {
    const reset = accountLinkEmail({ issuerName: 'HostKey', link: 'PASSWORD_RESET', url, validForMinutes: 30 });
    expect(reset.subject).toBe('HOSTKEY: reset your password');
    expect(reset.text).toContain(`\n\n${url}\n\n`);
    expect(reset.text).toContain('The link works once, for 30 minutes.');
    expect(reset.html).toContain(`<a href="${url}" style="font-weight:bold">Choose a new password</a>`);
    expect(reset.text).not.toMatch(/<[a-z]/i);
    const verify = accountLinkEmail({ issuerName: 'HostKey', link: 'EMAIL_VERIFICATION', url, validForMinutes: 24 * 60 });
    expect(verify.subject).toBe('HOSTKEY: verify your e-mail address');
    expect(verify.text).toContain('The link works once, for 24 hours.');
    expect(accountLinkEmail({ issuerName: 'HostKey', link: 'EMAIL_CHANGE', url, validForMinutes: 60 }).subject).toBe(
      'HOSTKEY: confirm your new e-mail address',
    );
  });

  it('escapes the link in the HTML body', () => {
    const { html } = accountLinkEmail({
      issuerName: 'HostKey',
      link: 'PASSWORD_RESET',
      url: 'https://x.example/"><script>',
      validForMinutes: 30,
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});

describe('helpers', () => {
  it('formatUtc writes minutes in UTC, whatever the local zone', () => {
    expect(formatUtc(new Date('2025-01-02T03:04:59.999Z'))).toBe('2025-01-02 03:04 UTC');
  });

  it('escapeHtml escapes the five characters that matter', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
