import { useId } from 'react';
import { CopyButton } from '../../../ui/CopyButton';
import { useSignedInUser } from '../../auth/sessionGuards';
import { ISSUER_NAME } from '../methods';

const FILE_NAME = `${ISSUER_NAME.toLowerCase()}-recovery-codes.txt`;

/**
 * Recovery codes, shown this once: to copy, download as a text file or print. The printout and
 * the file say whose codes they are and how to use them, since they outlive this page.
 */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const { email } = useSignedInUser();
  const headingId = useId();
  const text = recoveryCodesText(codes, email, new Date());

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = FILE_NAME;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked on a later tick: some browsers read the URL only after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    <section className="recovery-codes card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Save your recovery codes</h2>
      <p>
        If you lose your phone, mailbox or number, each of these codes lets you sign in once instead of a 2FA code.{' '}
        <strong>They are shown only this once.</strong> Keep them somewhere safe, such as a password manager.
      </p>
      <p className="recovery-codes__print-only">
        {ISSUER_NAME} recovery codes for {email}
      </p>
      <ol className="recovery-codes__list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code} className="recovery-codes__code">
            {code}
          </li>
        ))}
      </ol>
      <div className="actions recovery-codes__actions">
        <CopyButton text={codes.join('\n')} label="Copy codes" />
        <button type="button" className="button" onClick={download}>
          Download
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
    </section>
  );
}

export function recoveryCodesText(codes: readonly string[], email: string, when: Date): string {
  return [
    `${ISSUER_NAME} recovery codes`,
    `Account: ${email}`,
    `Created: ${when.toISOString().slice(0, 10)}`,
    '',
    'Each code works once, at sign-in, instead of a 2FA code.',
    'Getting new codes makes these stop working.',
    '',
    ...codes,
    '',
  ].join('\n');
}
