const LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  'name.given': 'First name',
  'name.middle': 'Middle name',
  'name.family': 'Last name',
  'name.prefix': 'Prefix',
  'name.suffix': 'Suffix',
  nickname: 'Nickname',
  company: 'Company',
  jobTitle: 'Job title',
  notes: 'Notes',
  birthday: 'Birthday',
  emails: 'Emails',
  phones: 'Phones',
  addresses: 'Addresses',
  categories: 'Categories',
};

/** A conflict field's path (`name.given`, `emails`) as a person would name it. */
export function fieldLabel(path: string): string {
  return LABELS[path] ?? path;
}

/** A recorded value (string, list of emails, ...) as one line of text. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(valueText).join('; ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // An email, phone or address: its value without its type.
    const main = record['address'] ?? record['number'];
    if (typeof main === 'string') return main;
    return Object.entries(record)
      .filter(([key, part]) => key !== 'type' && part !== '')
      .map(([, part]) => valueText(part))
      .join(', ');
  }
  return '';
}
