import { describe, expect, it } from 'vitest';
import type { ContactDraft, FieldModel, ListFieldModel, EmailType, PhoneType } from '@contactsync/core';
import { windowsLive } from '@contactsync/adapters';
import { addTypedItem, freeType, offeredTypes, shownField } from './field-offer';

const EMPTY: ContactDraft = {
  name: { given: 'Ada', middle: '', family: '', prefix: '', suffix: '' },
  nickname: '',
  company: '',
  jobTitle: '',
  notes: '',
  birthday: '',
  emails: [],
  phones: [],
  addresses: [],
  categories: [],
};

const FREE_PHONES: ListFieldModel<PhoneType> = {
  stored: true,
  identity: 'set',
  types: { mobile: null, home: null },
  maxItems: null,
  maxLength: 1_024,
};
const TWO_EMAILS: ListFieldModel<EmailType> = {
  stored: true,
  identity: 'slots',
  types: { personal: 1, work: 1 },
  maxItems: 2,
  maxLength: 321,
};

describe('field offer', () => {
  it('on Windows Live a second email takes work, a third other, and a fourth has no room', () => {
    // The adapter's own declaration (no request is made to build it).
    const model: FieldModel | undefined = windowsLive({ baseUrl: 'http://127.0.0.1:1', lid: '0123456789abcdef', token: 't' }).fieldModel;
    if (model === undefined) throw new Error('Windows Live declares a field model');
    let draft = addTypedItem(EMPTY, 'emails', model);
    expect(draft.emails.map((e) => e.type)).toEqual(['personal']);
    draft = addTypedItem(draft, 'emails', model);
    draft = addTypedItem(draft, 'emails', model);
    expect(draft.emails.map((e) => e.type)).toEqual(['personal', 'work', 'other']);
    expect(
      freeType(
        model.emails,
        draft.emails.map((e) => e.type),
      ),
    ).toBeNull();
    expect(addTypedItem(draft, 'emails', model)).toBe(draft);
  });

  it('a free list always has room, and the overall cap closes it', () => {
    expect(freeType(FREE_PHONES, ['mobile', 'mobile', 'mobile'])).toBe('mobile');
    const capped = { ...FREE_PHONES, maxItems: 2 };
    expect(freeType(capped, ['mobile', 'home'])).toBeNull();
  });

  it('offers only accepted types, plus the one a stored item already has', () => {
    const model = TWO_EMAILS;
    expect(offeredTypes(model)).toEqual(['personal', 'work']);
    expect(offeredTypes(model, 'other')).toEqual(['personal', 'work', 'other']);
  });

  it('shows a field the service does not store only when the contact holds a value in it', () => {
    expect(shownField(false, 'name.prefix', [])).toBe(false);
    expect(shownField(false, 'name.prefix', ['name.prefix'])).toBe(true);
    expect(shownField(true, 'name.prefix', [])).toBe(true);
  });
});
