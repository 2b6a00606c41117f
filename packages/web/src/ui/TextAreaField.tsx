import { useId, type Ref, type TextareaHTMLAttributes } from 'react';

interface TextAreaFieldProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'aria-describedby' | 'value' | 'onChange' | 'maxLength'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Always-visible guidance under the label, read out with the field. */
  hint?: string;
  /** The most characters allowed: a counter under the field says how many are used. */
  maxCharacters: number;
  /** Characters that do not count (e.g. surrounding spaces), as the API counts. */
  count?: (value: string) => number;
  /** Id of the message explaining why the value was refused; marks the field invalid. */
  errorId?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * A longer text, with its characters counted. No maxLength: pasting a longer text keeps all of
 * it, and the counter (then over the limit) says how much to cut.
 */
export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  maxCharacters,
  count = (text) => text.length,
  errorId,
  ref,
  ...textareaProps
}: TextAreaFieldProps) {
  const inputId = useId();
  const hintId = useId();
  const counterId = useId();
  const used = count(value);
  const describedBy = [hint ? hintId : null, counterId, errorId ?? null].filter(Boolean).join(' ');
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
      <textarea
        {...textareaProps}
        ref={ref}
        id={inputId}
        className="field__input field__input--multiline"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
      />
      <p id={counterId} className={`field__hint tabular${used > maxCharacters ? ' field__hint--over' : ''}`}>
        {used} of {maxCharacters} characters
      </p>
    </div>
  );
}
