import { describe, expect, it } from 'vitest';
import { toDraft } from './draft.js';
import { validateDraft } from './validate.js';
import { OPEN_FIELD_MODEL, type FieldModel } from '../service/field-model.js';
import { deviceOnlyFields, storedPart, withDeviceOnly } from './device-only.js';

const STRICT: FieldModel = {
  ...OPEN_FIELD_MODEL,
  notes: { stored: true, maxLength: 10 },
  name: { ...OPEN_FIELD_MODEL.name, prefix: { stored: false, maxLength: 1_024 } },
  birthday: { stored: true, yearless: false },
  emails: { ...OPEN_FIELD_MODEL.emails, identity: 'slots', types: { personal: 1, work: 1 }, maxItems: 2 },
};

describe('validateDraft through a field model', () => {
  it('takes lengths, types, slots and caps from the model', () => {
    const draft = toDraft({
      name: { given: 'Ann' },
      notes: 'x'.repeat(11),
      emails: [
        { type: 'personal', address: 'a@x.org' },
        { type: 'personal', address: 'b@x.org' },
        { type: 'other', address: 'c@x.org' },
      ],
    });
    expect(validateDraft(draft, STRICT).map((e) => e.path)).toEqual(['notes', 'emails.1.type', 'emails.2.type', 'emails']);
    expect(validateDraft(draft).map((e) => e.path)).toEqual([]);
  });
  it('accepts a year-less birthday only where the model stores one', () => {
    const draft = toDraft({ name: { given: 'Ann' }, birthday: '--02-29' });
    expect(validateDraft(draft)).toEqual([]);
    expect(validateDraft(draft, STRICT)).toEqual([{ path: 'birthday', message: 'This account needs the year of a birthday.' }]);
    expect(validateDraft({ ...draft, birthday: '--02-30' })[0]?.path).toBe('birthday');
  });
});

describe('device-only values', () => {
  it('lists, keeps and leaves out the fields the service does not store', () => {
    const local = toDraft({ name: { given: 'Ann', prefix: 'Dr' } });
    const remote = toDraft({ name: { given: 'Anne' } });
    expect(deviceOnlyFields(local, STRICT)).toEqual(['name.prefix']);
    expect(withDeviceOnly(remote, local, STRICT).name).toMatchObject({ given: 'Anne', prefix: 'Dr' });
    expect(storedPart(local, STRICT).name.prefix).toBe('');
  });
});
