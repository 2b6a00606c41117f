/**
 * A polite live region for good news ("The code was sent…"). Kept mounted while empty, like
 * FormAlert, so screen readers announce the text when it arrives.
 */
export function StatusMessage({ message, id }: { message: string | null; id?: string }) {
  return (
    <div id={id} role="status" className={message ? 'notice notice--success' : 'alert--empty'}>
      {message}
    </div>
  );
}
