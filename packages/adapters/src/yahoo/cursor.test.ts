import { describe, expect, it } from 'vitest';
import { changedCategories, decodeCursor, encodeCursor, findByName } from './cursor.js';

describe('the Yahoo cursor', () => {
  it('round-trips rev, category table, former names and the resync flag', () => {
    const state = {
      rev: 24,
      categories: [
        { catid: 3, name: 'Friends' },
        { catid: 9, name: '__proto__' },
      ],
      former: [{ catid: 3, name: 'Pals' }],
      resync: true,
    };
    expect(decodeCursor(encodeCursor(state))).toEqual(state);
  });

  it.each(['', 'not json', '24', '{"v":2,"rev":1}', '{"v":1,"rev":-1}', '{"v":1,"rev":1,"cats":[[1]]}', 'null'])(
    'reads %j as no cursor',
    (text) => {
      expect(decodeCursor(text)).toBeNull();
    },
  );

  it('finds renamed and removed categories, not added ones', () => {
    const before = [
      { catid: 1, name: 'A' },
      { catid: 2, name: 'B' },
      { catid: 3, name: 'C' },
    ];
    const after = [
      { catid: 1, name: 'A' },
      { catid: 2, name: 'B2' },
      { catid: 4, name: 'D' },
    ];
    expect(changedCategories(before, after)).toEqual([
      { catid: 2, name: 'B' },
      { catid: 3, name: 'C' },
    ]);
  });

  it('finds a category by exact name first, then ignoring case', () => {
    const table = [
      { catid: 1, name: 'friends' },
      { catid: 2, name: 'Friends' },
    ];
    expect(findByName(table, 'Friends')?.catid).toBe(2);
    expect(findByName(table, 'FRIENDS')?.catid).toBe(1);
  });
});
