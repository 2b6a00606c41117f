/**
 * The one place a form reports a problem. The element stays mounted while empty because screen
 * readers announce changes inside an existing alert region more reliably than a new one.
 * `visuallyHidden`: the words are shown elsewhere already (under the fields at fault), and the
 * alert only makes screen readers say them at once.
 */
export function FormAlert({ id, message, visuallyHidden = false }: { id: string; message: string | null; visuallyHidden?: boolean }) {
  const className = !message ? 'alert alert--empty' : visuallyHidden ? 'visually-hidden' : 'alert alert--error';
  return (
    <div id={id} role="alert" className={className}>
      {message}
    </div>
  );
}
