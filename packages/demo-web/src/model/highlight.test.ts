import { describe, expect, it } from 'vitest';
import { highlight } from './highlight';

const marked = (text: string, query: string): string[] =>
  highlight(text, query)
    .filter((s) => s.match)
    .map((s) => s.text);

describe('highlight', () => {
  it('marks every word of the query, without case or accents', () => {
    expect(marked('José Núñez', 'jose nun')).toEqual(['José', 'Núñ']);
    expect(highlight('Ada Lovelace', 'LOVE')).toEqual([
      { text: 'Ada ', match: false },
      { text: 'Love', match: true },
      { text: 'lace', match: false },
    ]);
  });

  it('leaves text whole without a query, and handles characters outside the BMP', () => {
    expect(highlight('Ada', '')).toEqual([{ text: 'Ada', match: false }]);
    expect(marked('𝒜da 小龍', '小龍')).toEqual(['小龍']);
  });
});
