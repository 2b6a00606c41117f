import type { InputHTMLAttributes, Ref } from 'react';
import { Field } from './Field';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby'> {
  label: string;
  /** Always-visible guidance under the label, read out with the field. */
  hint?: string;
  /** Id of the message explaining why the value was refused; marks the field invalid. */
  errorId?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, errorId, ref, ...inputProps }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} errorId={errorId}>
      {(control) => <input {...inputProps} ref={ref} {...control} className="field__input" />}
    </Field>
  );
}
