import { fold } from './contact-search';

/** A piece of text, and whether it matches a search word. */
export interface Segment {
  readonly text: string;
  readonly match: boolean;
}

/**
 * Splits `text` into matching and other segments for the search `query`, matching as search does
 * (without case or accents), so "jose" highlights "José". Folding can change a string's length, so
 * positions are mapped back to the original one character at a time.
 */
export function highlight(text: string, query: string): Segment[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0 || text === '') return [{ text, match: false }];
  let folded = '';
  const origin: number[] = []; // for each folded char, the index of the original char it came from
  let i = 0;
  for (const char of text) {
    const f = fold(char);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += char.length;
  }
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + word.length)) {
      const start = origin[at] ?? 0;
      const endChar = origin[at + word.length - 1] ?? start;
      const end = endChar + (text.codePointAt(endChar)! > 0xffff ? 2 : 1);
      for (let j = start; j < end; j++) marked[j] = true;
    }
  }
  const segments: Segment[] = [];
  let start = 0;
  for (let j = 1; j <= text.length; j++) {
    if (j === text.length || marked[j] !== marked[start]) {
      segments.push({ text: text.slice(start, j), match: marked[start] ?? false });
      start = j;
    }
  }
  return segments;
}
