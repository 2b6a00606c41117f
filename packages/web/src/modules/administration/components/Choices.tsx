import { useId, type Ref } from 'react';

interface ChoicesProps<T extends string> {
  legend: string;
  /** The choices in order, each with its words. */
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
  /** Why the choice was refused, shown under the group and read with it. */
  error?: string | null;
  /** The group, to focus when it holds the first problem. */
  ref?: Ref<HTMLFieldSetElement>;
}

/** One of a few choices as radio buttons in a fieldset, with a problem shown under them. */
export function Choices<T extends string>({ legend, options, value, onChange, error, ref }: ChoicesProps<T>) {
  const name = useId();
  const errorId = useId();
  return (
    <fieldset className="admin__group stack stack--tight" ref={ref} tabIndex={-1} aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{legend}</legend>
      {options.map((option) => (
        <div className="checkbox-field" key={option.value}>
          <input
            id={`${name}-${option.value}`}
            type="radio"
            name={name}
            className="checkbox-field__box"
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <label className="checkbox-field__label" htmlFor={`${name}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
