/**
 * The birthday as the form edits it: day, month and an optional year, each as typed. Core stores
 * `YYYY-MM-DD`, `--MM-DD` for a birthday without a year (vCard's form, RFC 6350 §4.3.1), or '' for
 * none. Partial input (a day without a month) is an error to fix, never "no birthday": saving it as
 * '' would delete the birthday the contact had.
 */
export interface BirthdayParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

export const NO_BIRTHDAY: BirthdayParts = { day: '', month: '', year: '' };

export type BirthdayValue = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEARLESS = /^--(\d{2})-(\d{2})$/;

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A stored birthday as form parts (anything unreadable shows as typed in the year, so nothing is hidden). */
export function splitBirthday(value: string): BirthdayParts {
  const full = FULL.exec(value);
  if (full !== null) return { year: full[1] ?? '', month: String(Number(full[2])), day: String(Number(full[3])) };
  const yearless = YEARLESS.exec(value);
  if (yearless !== null) return { year: '', month: String(Number(yearless[1])), day: String(Number(yearless[2])) };
  return value === '' ? NO_BIRTHDAY : { day: '', month: '', year: value };
}

const two = (n: number): string => String(n).padStart(2, '0');

function daysIn(month: number, year: number | null): number {
  // Without a year, 29 February is a real birthday.
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts as core's birthday string, or why they are not one yet. */
export function joinBirthday(parts: BirthdayParts): BirthdayValue {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return { ok: true, value: '' };
  if (day === '' || month === '')
    return { ok: false, message: 'Enter both the day and the month of the birthday (the year may stay empty), or clear all three.' };
  const m = Number(month);
  const d = Number(day);
  if (!Number.isInteger(m) || m < 1 || m > 12) return { ok: false, message: 'Choose the month of the birthday.' };
  if (year !== '' && !/^\d{4}$/.test(year)) return { ok: false, message: 'Enter the year with four digits, or leave it empty.' };
  const y = year === '' ? null : Number(year);
  if (!/^\d{1,2}$/.test(day) || d < 1 || d > daysIn(m, y)) return { ok: false, message: `Enter a day between 1 and ${daysIn(m, y)}.` };
  return { ok: true, value: y === null ? `--${two(m)}-${two(d)}` : `${year}-${two(m)}-${two(d)}` };
}

/** A stored birthday for reading: "10 December 1815", or "10 December" without a year. */
export function birthdayText(value: string): string {
  const parts = splitBirthday(value);
  if (parts.month === '') return value;
  const month = MONTHS[Number(parts.month) - 1] ?? parts.month;
  return `${parts.day} ${month}${parts.year === '' ? '' : ` ${parts.year}`}`;
}
