import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { Field } from './Field';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby'> {
  label: string;
  /** Always-visible guidance under the label, read out with the field. */
  hint?: ReactNode;
  /** Why the value was refused, shown under the field; marks it invalid. */
  error?: string | null;
  /** Id of a message elsewhere explaining why the value was refused; marks the field invalid. */
  errorId?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, errorId, ref, ...inputProps }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} errorId={errorId}>
      {(control) => <input {...inputProps} ref={ref} {...control} className="field__input" />}
    </Field>
  );
}
