import { toDraft } from '@contactsync/core';
import { describe, expect, it } from 'vitest';
import { lastModifiedOf, versionOf } from './version.js';

describe('versions', () => {
  const date = 'Tue, 01 Jun 2010 12:00:00 GMT';
  it('differ for two contents within the same second, and carry the date for If-Unmodified-Since', () => {
    const a = versionOf(date, toDraft({ name: { given: 'Ada' } }));
    const b = versionOf(date, toDraft({ name: { given: 'Ada' }, notes: 'edited in the same second' }));
    expect(a).not.toBe(b);
    expect(lastModifiedOf(a)).toBe(date);
    expect(lastModifiedOf(date)).toBe(date);
  });

  it('ignore what the service does not store and the order it lists children in', () => {
    const one = toDraft({
      name: { given: 'Ada', prefix: 'Lady' },
      emails: [
        { type: 'personal', address: 'a@x.example' },
        { type: 'work', address: 'b@x.example' },
      ],
    });
    const two = toDraft({
      name: { given: 'Ada' },
      emails: [
        { type: 'work', address: 'b@x.example' },
        { type: 'personal', address: 'a@x.example' },
      ],
    });
    expect(versionOf(date, one)).toBe(versionOf(date, two));
  });
});
