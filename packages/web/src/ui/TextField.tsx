import { useId, type InputHTMLAttributes, type Ref } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby'> {
  label: string;
  /** Always-visible guidance under the label, read out with the field. */
  hint?: string;
  /** Id of the message explaining why the value was refused; marks the field invalid. */
  errorId?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, errorId, ref, ...inputProps }: TextFieldProps) {
  const inputId = useId();
  const hintId = useId();
  const describedBy = [hint ? hintId : null, errorId ?? null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        {...inputProps}
        ref={ref}
        id={inputId}
        className="field__input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
