import type { Ref } from 'react';
import { cleanTypedCode, type CodeKind } from './codes';
import { Field } from './Field';

interface CodeFieldProps {
  label: string;
  kind: CodeKind;
  value: string;
  onChange: (value: string) => void;
  /** Always-visible guidance under the label, read out with the field. */
  hint?: string;
  /** Why the code was refused, shown under the field; marks it invalid. */
  error?: string | null;
  /** Id of a message elsewhere explaining why the code was refused; marks the field invalid. */
  errorId?: string;
  name?: string;
  ref?: Ref<HTMLInputElement>;
}

/**
 * One box for a code. Six-digit codes get the numeric keyboard and one-time-code autofill (the
 * code of an SMS or mail is offered above the keyboard); pasting "123 456" or "123-456" works.
 * No maxLength: it would cut a pasted code with a space before the clean-up sees it.
 */
export function CodeField({ label, kind, value, onChange, hint, error, errorId, name = 'code', ref }: CodeFieldProps) {
  const digitsOnly = kind === 'otp';
  return (
    <Field label={label} hint={hint} error={error} errorId={errorId}>
      {(control) => (
        <input
          ref={ref}
          {...control}
          name={name}
          className={`field__input code-input${digitsOnly ? ' code-input--digits' : ''}`}
          type="text"
          inputMode={digitsOnly ? 'numeric' : 'text'}
          pattern={digitsOnly ? '[0-9]*' : undefined}
          autoComplete={kind === 'recovery' ? 'off' : 'one-time-code'}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          value={value}
          onChange={(event) => onChange(cleanTypedCode(kind, event.target.value))}
        />
      )}
    </Field>
  );
}
