import { useId } from 'react';

interface ControlProps {
  readonly label: string;
  /** The draft path this control edits (`emails.0.address`); field errors are matched by it. */
  readonly path: string;
  readonly errors: readonly string[];
  /** A note after the label ("only on this device" for a value the service does not store). */
  readonly note?: string;
}

/** A labelled text input (or textarea) with its errors announced and linked to it. */
export function TextField({
  label,
  path,
  errors,
  value,
  onChange,
  type = 'text',
  multiline = false,
  autoComplete = 'off',
  note,
}: ControlProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'email' | 'tel' | 'date';
  readonly multiline?: boolean;
  readonly autoComplete?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const common = {
    id,
    value,
    'data-path': path,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': errors.length > 0 ? errorId : undefined,
  } as const;
  return (
    <div className={errors.length > 0 ? 'field invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {note === undefined ? null : <span className="device-only"> ({note})</span>}
      </label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} onChange={(event) => onChange(event.target.value)} />
      )}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** A labelled select over a fixed list of values. */
export function SelectField<T extends string>({
  label,
  path,
  errors,
  value,
  options,
  onChange,
}: ControlProps & { readonly value: T; readonly options: readonly T[]; readonly onChange: (value: T) => void }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={errors.length > 0 ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        data-path={path}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={errors.length > 0 ? errorId : undefined}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { readonly id: string; readonly errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {errors.join(' ')}
    </p>
  );
}
