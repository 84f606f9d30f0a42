import { describe, expect, it } from 'vitest';
import { toDraft, validateDraft } from '@contactsync/core';
import { addItem, errorsOnScreen, withoutEmptyRows } from './draft-edit';

describe('draft edits for the form', () => {
  it('drops rows left empty, keeps rows with anything in them', () => {
    const screen = addItem(toDraft({ nickname: 'Ada', emails: [{ address: ' ' }, { address: 'x' }] }), 'addresses');
    const saved = withoutEmptyRows(screen);
    expect(saved.emails.map((e) => e.address)).toEqual(['x']);
    expect(saved.addresses).toEqual([]);
  });

  it('maps error paths of the saved draft back to the rows on screen', () => {
    const screen = toDraft({ nickname: 'Ada', emails: [{ address: '' }, { address: 'not-an-email' }] });
    const errors = validateDraft(withoutEmptyRows(screen));
    expect(errors.map((e) => e.path)).toEqual(['emails.0.address']);
    expect(errorsOnScreen(screen, errors).map((e) => e.path)).toEqual(['emails.1.address']);
  });
});
