import { toDraft } from '@contactsync/core';
import { describe, expect, it } from 'vitest';
import { validateForWindowsLive } from './validate.js';

describe('validateForWindowsLive', () => {
  it('allows one email of each type', () => {
    expect(validateForWindowsLive(toDraft({ emails: [{ type: 'personal', address: 'a@x.org' }, { type: 'work', address: 'b@x.org' }, { type: 'other', address: 'c@x.org' }] }))).toEqual([]);
  });
  it('names the second email of a type', () => {
    expect(validateForWindowsLive(toDraft({ emails: [{ type: 'work', address: 'a@x.org' }, { type: 'personal', address: 'b@x.org' }, { type: 'work', address: 'c@x.org' }] }))).toEqual([
      { path: 'emails.2.type', message: 'Windows Live keeps one work email address per contact: choose another type.' },
    ]);
  });
});
