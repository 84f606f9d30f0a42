import { describe, expect, it } from 'vitest';
import { htmlEscape, htmlUnescape } from './html-escape.js';

describe('htmlEscape / htmlUnescape (docs/yahoo.md §2.3)', () => {
  it.each([
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    [`<a href='x'>"q"</a>`, '&lt;a href=&#39;x&#39;&gt;&quot;q&quot;&lt;/a&gt;'],
    ['plain', 'plain'],
    ['', ''],
  ])('escapes %j once', (plain, escaped) => {
    expect(htmlEscape(plain)).toBe(escaped);
    expect(htmlUnescape(escaped)).toBe(plain);
  });

  it('keeps a value that literally contains an escape: escape once, unescape once', () => {
    for (const literal of ['a &amp; b', '&lt;tag&gt;', '&#39;', '&&amp;;', '&amp;amp;']) {
      expect(htmlUnescape(htmlEscape(literal))).toBe(literal);
    }
    expect(htmlEscape('a &amp; b')).toBe('a &amp;amp; b');
  });

  it('unescapes exactly once, never recursively', () => {
    expect(htmlUnescape('&amp;amp;')).toBe('&amp;');
    expect(htmlUnescape('&amp;lt;')).toBe('&lt;');
  });

  it('accepts the other spellings of the five characters a lenient sender may use', () => {
    expect(htmlUnescape('&apos;&#x27;&#34;&#38;&#60;&#62;')).toBe(`''"&<>`);
  });

  it('leaves what is not one of the five characters alone (a bare & from a careless sender)', () => {
    expect(htmlUnescape('AT&T &nbsp; &copy; &#169; &unknown;')).toBe('AT&T &nbsp; &copy; &#169; &unknown;');
  });
});
