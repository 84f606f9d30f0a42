import { useId } from 'react';
import { MONTHS, type BirthdayParts } from '../model/birthday-parts';
import { FieldErrors } from './form-controls';

export interface BirthdayFieldProps {
  readonly value: BirthdayParts;
  readonly errors: readonly string[];
  readonly onChange: (value: BirthdayParts) => void;
  /** Whether the service keeps a birthday without a year (its field model); unknown: say nothing. */
  readonly yearless?: boolean;
}

/** Day, month and an optional year: a birthday without a year is as normal as one with. */
export function BirthdayField({ value, errors, onChange, yearless }: BirthdayFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = errors.length > 0 ? true : undefined;
  const describedBy = errors.length > 0 ? errorId : undefined;
  return (
    <fieldset className={errors.length > 0 ? 'birthday-field invalid' : 'birthday-field'}>
      <legend>Birthday</legend>
      <div className="birthday-parts">
        <div className="field">
          <label htmlFor={`${id}-day`}>Day</label>
          <input
            id={`${id}-day`}
            data-path="birthday"
            inputMode="numeric"
            maxLength={2}
            value={value.day}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ ...value, day: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-month`}>Month</label>
          <select
            id={`${id}-month`}
            value={value.month}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ ...value, month: event.target.value })}
          >
            <option value="">—</option>
            {MONTHS.map((name, i) => (
              <option key={name} value={String(i + 1)}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-year`}>{yearless === false ? 'Year' : 'Year (optional)'}</label>
          <input
            id={`${id}-year`}
            inputMode="numeric"
            maxLength={4}
            value={value.year}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ ...value, year: event.target.value })}
          />
        </div>
      </div>
      {yearless === false && value.year.trim() === '' && value.day !== '' ? (
        <p className="hint">This service keeps birthdays only with a year.</p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
