/**
 * The emulator's own HTML escaping of values and category names (docs/yahoo.md §2.3): escaped once
 * before the format's encoding, unescaped once after decoding it. Strict: only the five canonical
 * escapes are undone, as the contract names them.
 */
/** Undoes the §2.3 HTML escaping once: exactly the five canonical escapes. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_whole, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>'"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;',
  );
}
