/** Up to two initials for an avatar: first letters of the first and last words ("Ada Lovelace" → "AL"). */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  const first = (word: string | undefined): string => (word === undefined ? '' : ([...word].find((c) => /\p{L}|\p{N}/u.test(c)) ?? ''));
  if (words.length === 0) return '?';
  const letters = words.length === 1 ? first(words[0]) : first(words[0]) + first(words[words.length - 1]);
  return letters.toLocaleUpperCase();
}

/** A stable hue for a name, so a person's avatar keeps its colour. */
export function avatarHue(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}
