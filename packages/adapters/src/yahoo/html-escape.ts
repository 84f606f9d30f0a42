/**
 * The HTML escaping of Yahoo field values and category names (docs/yahoo.md §2.3): applied exactly
 * once by the sender before the format's own encoding, and undone exactly once by the receiver after
 * decoding the format. So `Tom & Jerry` travels in JSON as `Tom &amp; Jerry` and in XML as
 * `Tom &amp;amp; Jerry`, and a value that literally contains `&amp;` survives the round trip.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

export function htmlEscape(text: string): string {
  return text.replace(/[&<>'"]/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * The five canonical escapes, plus the other spellings of the same five characters (`&apos;`,
 * `&#x27;`, `&#34;` ...) that a lenient sender might use: they can only appear here if the sender
 * escaped, because a literal `&` in a value is itself always escaped. Anything else that starts with
 * `&` is left as it is (a sender that forgot to escape a bare `&` does not corrupt the value).
 */
const UNESCAPES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  '#039': "'",
  '#x27': "'",
  '#X27': "'",
  '#34': '"',
  '#x22': '"',
  '#X22': '"',
  '#38': '&',
  '#x26': '&',
  '#X26': '&',
  '#60': '<',
  '#x3c': '<',
  '#x3C': '<',
  '#X3C': '<',
  '#62': '>',
  '#x3e': '>',
  '#x3E': '>',
  '#X3E': '>',
};

export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#?[A-Za-z0-9]{1,6});/g, (whole, name: string) =>
    Object.hasOwn(UNESCAPES, name) ? (UNESCAPES[name] ?? whole) : whole,
  );
}
