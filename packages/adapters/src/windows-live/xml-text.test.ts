import { describe, expect, it } from 'vitest';
import { decodeReferences, escapeText, hasDoctype, inlineCdata } from './xml-text.js';

describe('decodeReferences', () => {
  it('decodes the five predefined entities and numeric references', () => {
    expect(decodeReferences('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#38; &#x26; &#x1F600;')).toBe(`a & b <c> "d" 'e' & & 😀`);
  });
  it('leaves text without references alone', () => {
    expect(decodeReferences('plain')).toBe('plain');
  });
  it('refuses anything a DTD would have to define, and invalid characters', () => {
    for (const text of ['&nbsp;', '&foo;', '&#0;', '&#xD800;', '&#x110000;', 'a & b', '&amp', '&#;', '&#xZZ;']) {
      expect(decodeReferences(text), text).toBeNull();
    }
  });
});

describe('escapeText', () => {
  it('escapes markup and carriage returns so they survive a parser', () => {
    expect(escapeText('a & <b> c\r\nd')).toBe('a &amp; &lt;b&gt; c&#13;\nd');
  });
  it('round-trips through decodeReferences', () => {
    const text = `Tom & Jerry <3 "quotes" 'single' \r\n ]]> end`;
    expect(decodeReferences(escapeText(text))).toBe(text);
  });
});

describe('inlineCdata and hasDoctype', () => {
  it('turns CDATA into escaped text, so its content is never read as references', () => {
    expect(inlineCdata('<N><![CDATA[x < y &amp; z]]></N>')).toBe('<N>x &lt; y &amp;amp; z</N>');
  });
  it('finds a DOCTYPE or ENTITY declaration in any case', () => {
    expect(hasDoctype('<!doctype x><x/>')).toBe(true);
    expect(hasDoctype('<x><!ENTITY a "b"></x>')).toBe(true);
    expect(hasDoctype('<x>DOCTYPE</x>')).toBe(false);
  });
});
