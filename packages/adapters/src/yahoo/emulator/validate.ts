import { FIELD_PARTS, isStructuredField, type WireField } from '../wire.js';
import { CODE, failure, type Failure } from './codes.js';
import type { EmulatorLimits } from './limits.js';

/** C0 controls other than tab, LF and CR, and DEL: "invalid characters" for -40014. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** The characters the seed forbids in a category name (-40020), plus controls. */
const CATEGORY_FORBIDDEN = /[/\\@:;()[\]{}<>\s,'"\u0000-\u001F\u007F]/;
/** Yahoo GUIDs: 26 characters of upper-case letters and digits. */
const GUID = /^[A-Z0-9]{26}$/;

/** The rules for one field value, in the order the emulator checks them (docs/yahoo.md §2.5). */
export function validateField(field: WireField, limits: EmulatorLimits): Failure | null {
  if (field.flags.length > limits.maxFlagsPerField) {
    return failure(CODE.FIELD_TOO_MANY_LABELS, `${field.type} carries ${field.flags.length} flags`);
  }
  if (field.type === 'custom') {
    const title = field.title ?? '';
    if (title.trim() === '' || title.length > limits.maxCustomTitleLength || CONTROL.test(title) || /[<>]/.test(title)) {
      return failure(CODE.INVALID_CUSTOM_TITLE, 'custom field title missing, too long or invalid', title);
    }
  }
  if (field.type === 'birthday' || field.type === 'anniversary') return validateDate(field);
  if (isStructuredField(field.type)) {
    const parts = FIELD_PARTS[field.type].map((part) => field.parts?.[part] ?? '');
    if (parts.every((part) => part.trim() === '')) return failure(CODE.INVALID_VALUE, `${field.type} is empty`, field.type);
    const bad = parts.find((part) => part.length > limits.maxValueLength || CONTROL.test(part));
    return bad === undefined ? null : failure(CODE.INVALID_VALUE, `${field.type} part too long or invalid`, field.type);
  }
  const data = field.data ?? '';
  if (data.trim() === '' || data.length > limits.maxValueLength || CONTROL.test(data)) {
    return failure(CODE.INVALID_VALUE, `${field.type} value empty, too long or invalid`, field.type);
  }
  if (field.type === 'email' && data.split('@').length !== 2) {
    return failure(CODE.INVALID_EMAIL, `email ${JSON.stringify(data)} needs exactly one @`);
  }
  if (field.type === 'guid' && !GUID.test(data)) return failure(CODE.INVALID_GUID, 'guid is not 26 upper-case letters or digits');
  return null;
}

/** Day and month required, year optional (four digits); the date must exist. */
function validateDate(field: WireField): Failure | null {
  const day = field.parts?.day?.trim() ?? '';
  const month = field.parts?.month?.trim() ?? '';
  const year = field.parts?.year?.trim() ?? '';
  if (day === '' && month === '' && year === '') return failure(CODE.INVALID_VALUE, `${field.type} is empty`, field.type);
  const bad = () => failure(CODE.INVALID_DATE, `${field.type} ${year}-${month}-${day} is not a date`);
  if (!/^[0-9]{1,2}$/.test(day) || !/^[0-9]{1,2}$/.test(month) || (year !== '' && !/^[0-9]{4}$/.test(year))) return bad();
  const d = Number(day);
  const m = Number(month);
  const y = year === '' ? 2000 : Number(year); // a leap year, so 29 February without a year is allowed
  if (m < 1 || m > 12 || d < 1) return bad();
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > daysInMonth ? bad() : null;
}

export function validateCategoryName(name: string, limits: EmulatorLimits): Failure | null {
  if (name === '' || name.length > limits.maxCategoryNameLength || CATEGORY_FORBIDDEN.test(name)) {
    return failure(CODE.INVALID_CATEGORY_NAME, `category name ${JSON.stringify(name)} is empty, too long or has forbidden characters`);
  }
  return null;
}

/** A contact needs one of name, nickname, company, email, yahooid or phone (-40046). */
export const REQUIRED_ONE_OF: ReadonlySet<string> = new Set(['name', 'nickname', 'company', 'email', 'yahooid', 'phone']);
