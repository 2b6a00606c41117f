/**
 * The one place a form reports a problem. The element stays mounted while empty because screen
 * readers announce changes inside an existing alert region more reliably than a new one.
 */
export function FormAlert({ id, message }: { id: string; message: string | null }) {
  return (
    <div id={id} role="alert" className={message ? 'alert alert--error' : 'alert alert--empty'}>
      {message}
    </div>
  );
}
