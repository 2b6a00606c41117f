import { useId } from 'react';

interface CheckboxFieldProps {
  label: string;
  /** Always-visible guidance under the label, read out with the box. */
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  /** Shown but not changeable (the hint should say why). */
  disabled?: boolean;
}

/** One checkbox with its label beside it (the label ticks it too, a large target) and a hint below. */
export function CheckboxField({ label, hint, checked, onChange, name, disabled }: CheckboxFieldProps) {
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="checkbox-field">
      <input
        id={inputId}
        name={name}
        type="checkbox"
        className="checkbox-field__box"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? hintId : undefined}
      />
      <label className="checkbox-field__label" htmlFor={inputId}>
        {label}
      </label>
      {hint && (
        <p className="field__hint checkbox-field__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
