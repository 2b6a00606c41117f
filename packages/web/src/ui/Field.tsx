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
  hint?: string;
  /** Id of the message explaining why the value was refused; marks the field invalid. */
  errorId?: string;
  /** Ids of more text the control is read with (e.g. a character counter), after the hint. */
  describedBy?: string[];
  /** The control itself (input, textarea), given the props that tie it to the label and texts. */
  children: (control: FieldControlProps) => ReactNode;
  /** Anything shown under the control. */
  after?: ReactNode;
}

/** The frame every text field shares: label, hint, the control, and what describes it. */
export function Field({ label, hint, errorId, describedBy = [], children, after }: FieldProps) {
  const controlId = useId();
  const hintId = useId();
  const ids = [hint ? hintId : null, ...describedBy, errorId ?? null].filter(Boolean).join(' ');
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
      {children({ id: controlId, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': ids || undefined })}
      {after}
    </div>
  );
}
