import {
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
  'RECOVERY_CODE_USED',
  'LOCKOUT_STARTED',
  'REMEMBERED_BROWSER_COPIED',
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

  it.each(['enroll', 'login'] as const)('says the code, 10 minutes and "ignore it if you did not ask" in both bodies (%s)', (purpose) => {
    const { text, html } = verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose });
    for (const body of [text, html]) {
      expect(body).toContain('123456');
      expect(body).toContain('valid for 10 minutes');
      expect(body).toContain('If you did not ask for this code, ignore this message');
    }
    expect(text).not.toMatch(/<[a-z]/i);
    expect(html).toMatch(/^<!DOCTYPE html>/);
  });

  it('tells signing in apart from setting up', () => {
    expect(verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose: 'login' }).text).toContain('finish signing in');
    expect(verificationCodeEmail({ issuerName: 'HostKey', code: '123456', purpose: 'enroll' }).text).toContain(
      'finish setting up two-factor authentication by e-mail',
    );
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
      'HOSTKEY: recovery code used',
      'HOSTKEY: two-factor checks locked',
      'HOSTKEY: a remembered browser was forgotten',
    ]);
    for (const { text, html } of notices) {
      expect(text).toContain('2025-11-28 04:14 UTC');
      expect(html).toContain('2025-11-28 04:14 UTC');
      expect(text).toMatch(/change your password/i);
      expect(text).not.toMatch(/<[a-z]/i);
    }
  });

  it('names the new method, the end of a lockout and the recovery codes left when given', () => {
    expect(securityNoticeEmail({ issuerName: 'HostKey', event: 'TWO_FACTOR_SWITCHED', when: WHEN, method: 'TOTP' }).text).toContain(
      'it is now an authenticator app',
    );
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

  it('escapes the issuer name in the HTML body', () => {
    const { html } = securityNoticeEmail({ issuerName: 'A<B>', event: 'TWO_FACTOR_RESET', when: WHEN });
    expect(html).toContain('A&lt;B&gt;');
    expect(html).not.toContain('A<B>');
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
