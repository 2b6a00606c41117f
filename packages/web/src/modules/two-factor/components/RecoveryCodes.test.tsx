import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RECOVERY_CODES } from '../../../../test/mocks';
import { RecoveryCodes, recoveryCodesText } from './RecoveryCodes';

jest.mock('../../auth/sessionGuards', () => ({
  useSignedInUser: () => ({ __typename: 'User', id: 'user-1', email: 'alice@example.com', role: 'CUSTOMER' }),
}));

describe('recovery codes', () => {
  afterEach(() => jest.restoreAllMocks());

  it('copies all ten, one per line', async () => {
    const user = userEvent.setup();
    render(<RecoveryCodes codes={RECOVERY_CODES} />);

    await user.click(screen.getByRole('button', { name: 'Copy codes' }));

    expect(await navigator.clipboard.readText()).toBe(RECOVERY_CODES.join('\n'));
    expect(screen.getByRole('status')).toHaveTextContent('Copied');
  });

  it('says when the browser refuses to copy', async () => {
    const user = userEvent.setup();
    render(<RecoveryCodes codes={RECOVERY_CODES} />);
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));

    await user.click(screen.getByRole('button', { name: 'Copy codes' }));

    expect(await screen.findByText('Could not copy: select the text and copy it instead.')).toBeInTheDocument();
  });

  it('downloads them as a text file that says whose they are and how they work', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:recovery-codes';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    render(<RecoveryCodes codes={RECOVERY_CODES} />);

    await user.click(screen.getByRole('button', { name: 'Download' }));

    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('hostkey-recovery-codes.txt');
    expect(clicked[0]!.href).toBe('blob:recovery-codes');
    // jsdom's Blob has no text(): read it the older way.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string); // readAsText gives a string
      reader.readAsText(blobs[0]!);
    });
    expect(text).toContain('Account: alice@example.com');
    RECOVERY_CODES.forEach((code) => expect(text).toContain(code));
  });

  it('prints them (the print stylesheet shows the codes alone)', async () => {
    const user = userEvent.setup();
    const print = jest.fn();
    Object.assign(window, { print });
    render(<RecoveryCodes codes={RECOVERY_CODES} />);

    await user.click(screen.getByRole('button', { name: 'Print' }));

    expect(print).toHaveBeenCalledTimes(1);
    expect(screen.getByText('HostKey recovery codes for alice@example.com')).toHaveClass('recovery-codes__print-only');
  });

  it('writes the file the same way every time', () => {
    expect(recoveryCodesText(['ab12-cd34-ef56'], 'alice@example.com', new Date('2030-01-02T03:04:05Z'))).toBe(
      [
        'HostKey recovery codes',
        'Account: alice@example.com',
        'Created: 2030-01-02',
        '',
        'Each code works once, at sign-in, instead of a 2FA code.',
        'Getting new codes makes these stop working.',
        '',
        'ab12-cd34-ef56',
        '',
      ].join('\n'),
    );
  });
});
