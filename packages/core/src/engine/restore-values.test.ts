import { describe, expect, it } from 'vitest';
import { toDraft } from '../model/draft.js';
import { restoreValues } from './restore-values.js';

const ann = toDraft({
  name: { given: 'Ann' },
  company: 'Local',
  emails: [
    { type: 'personal', address: 'l@x.org' },
    { type: 'work', address: 'w@x.org' },
  ],
});

describe('restoreValues', () => {
  it('puts a scalar and a name part back', () => {
    const next = restoreValues(
      ann,
      [
        { path: 'company', localValue: 'Local', remoteValue: 'Remote' },
        { path: 'name.given', localValue: 'Ann', remoteValue: 'Anne' },
      ],
      'remoteValue',
    );
    expect(next).toMatchObject({ company: 'Remote', name: { given: 'Anne' } });
  });
  it('replaces the local item of a slot with the remote one', () => {
    const next = restoreValues(
      ann,
      [{ path: 'emails', localValue: { type: 'personal', address: 'l@x.org' }, remoteValue: { type: 'personal', address: 'r@x.org' } }],
      'remoteValue',
    );
    expect(next.emails).toEqual([
      { type: 'personal', address: 'r@x.org' },
      { type: 'work', address: 'w@x.org' },
    ]);
  });
  it('adds an item that lost to a cap, and removes one the other side had emptied', () => {
    const added = restoreValues(
      ann,
      [{ path: 'emails', localValue: null, remoteValue: { type: 'other', address: 'o@x.org' } }],
      'remoteValue',
    );
    expect(added.emails).toHaveLength(3);
    const removed = restoreValues(
      ann,
      [{ path: 'emails', localValue: { type: 'work', address: 'w@x.org' }, remoteValue: null }],
      'remoteValue',
    );
    expect(removed.emails).toEqual([{ type: 'personal', address: 'l@x.org' }]);
  });
  it('brings back a whole discarded list', () => {
    const next = restoreValues(
      toDraft({ name: { given: 'Ann' } }),
      [{ path: 'emails', localValue: ann.emails, remoteValue: [] }],
      'localValue',
    );
    expect(next.emails).toEqual(ann.emails);
  });
});
