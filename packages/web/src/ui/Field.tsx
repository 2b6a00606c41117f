import { useId, type ReactNode } from 'react';

/** What a field's control needs to be read with its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  /** Always-visible guidance under the label, read out with the field. */
  hint?: ReactNode;
  /** Why the value was refused, shown under the control; marks the field invalid. */
  error?: string | null;
  /** Id of a message elsewhere (a form's alert) explaining why the value was refused; marks the field invalid. */
  errorId?: string;
  /** Ids of more text the control is read with (e.g. a character counter), after the hint. */
  describedBy?: string[];
  /** The control itself (input, textarea), given the props that tie it to the label and texts. */
  children: (control: FieldControlProps) => ReactNode;
  /** Anything shown under the control. */
  after?: ReactNode;
}

/** The frame every text field shares: label, hint, the control, its error, and what describes it. */
export function Field({ label, hint, error, errorId, describedBy = [], children, after }: FieldProps) {
  const controlId = useId();
  const hintId = useId();
  const ownErrorId = useId();
  const refusedBy = error ? ownErrorId : errorId;
  const ids = [hint ? hintId : null, ...describedBy, refusedBy ?? null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={controlId}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id: controlId, 'aria-invalid': refusedBy ? true : undefined, 'aria-describedby': ids || undefined })}
      {error && (
        <p className="field__error" id={ownErrorId}>
          {error}
        </p>
      )}
      {after}
    </div>
  );
}
