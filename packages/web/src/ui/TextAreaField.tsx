import { useId, type Ref, type TextareaHTMLAttributes } from 'react';
import { Field } from './Field';

interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'aria-describedby' | 'value' | 'onChange' | 'maxLength'
> {
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
  const counterId = useId();
  const used = count(value);
  const counter = (
    <p id={counterId} className={`field__hint tabular${used > maxCharacters ? ' field__hint--over' : ''}`}>
      {used} of {maxCharacters} characters
    </p>
  );
  return (
    <Field label={label} hint={hint} errorId={errorId} describedBy={[counterId]} after={counter}>
      {(control) => (
        <textarea
          {...textareaProps}
          ref={ref}
          {...control}
          className="field__input field__input--multiline"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
