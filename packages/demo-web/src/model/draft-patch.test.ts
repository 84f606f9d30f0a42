import { describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import { applyDraftPatch, draftPatch } from './draft-patch';

describe('draft patch', () => {
  const base = toDraft({ name: { given: 'Ada', family: 'Lovelace' }, company: 'Engines', emails: [{ address: 'ada@example.org' }] });

  it('holds only what was edited, name parts one by one', () => {
    const edited = { ...base, name: { ...base.name, given: 'Augusta' }, nickname: 'Ada' };
    expect(draftPatch(base, edited)).toEqual({ name: { given: 'Augusta' }, nickname: 'Ada' });
    expect(draftPatch(base, base)).toEqual({});
  });

  it('applied to a newer stored contact, keeps that contact’s other changes', () => {
    const patch = draftPatch(base, { ...base, nickname: 'Ada' });
    const newer = { ...base, company: 'Changed elsewhere' };
    expect(applyDraftPatch(newer, patch)).toEqual({ ...newer, nickname: 'Ada' });
  });
});
