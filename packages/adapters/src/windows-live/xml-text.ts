/**
 * Text-level XML helpers for the client codec. The parser runs with entity processing off (no DTD
 * can define an entity, and a `<!DOCTYPE` is refused before parsing), so the five predefined
 * entities and numeric character references are decoded here, and nothing else is.
 */

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes references in parsed text; null when the text holds a reference XML does not define. */
export function decodeReferences(text: string): string | null {
  if (!text.includes('&')) return text;
  if (hasBareAmpersand(text)) return null;
  let failed = false;
  const out = text.replace(/&([^;&]*);/g, (whole, ref: string) => {
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? Number.parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? Number(ref.slice(1)) : NaN;
    if (!isXmlCodePoint(code)) {
      failed = true;
      return whole;
    }
    return String.fromCodePoint(code);
  });
  return failed ? null : out;
}

/** An `&` that does not start a `;`-terminated reference. */
function hasBareAmpersand(text: string): boolean {
  return /&(?![^;&]*;)/.test(text);
}

/** XML 1.0 `Char`: a character reference to anything else is not well-formed. */
function isXmlCodePoint(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Escapes text content. `\r` is written as a reference because XML parsers normalise raw line
 * endings, which would change a value like `a\r\nb` on its way through the service.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/**
 * Turns CDATA sections into escaped text before parsing, so every text value goes through the one
 * reference decoder (a CDATA section's `&amp;` is literal text, not a reference).
 */
export function inlineCdata(xml: string): string {
  if (!xml.includes('<![CDATA[')) return xml;
  return xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_whole, body: string) => escapeText(body));
}

/** A DTD is how entity expansion attacks start; the contract refuses any (§1.1). */
export function hasDoctype(xml: string): boolean {
  return /<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml);
}
