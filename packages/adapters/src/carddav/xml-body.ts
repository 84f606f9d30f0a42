/** Request bodies (RFC 4918 §9.1 PROPFIND, RFC 6352 §8.7 addressbook-multiget, RFC 6578 §3.2 sync-collection). */

export const XML_HEADERS = { 'Content-Type': 'application/xml; charset=utf-8' } as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const NS = 'xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:cs="http://calendarserver.org/ns/"';

/** A PROPFIND for the given `prefix:name` properties. */
export function propfindBody(props: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop>${props.map((p) => `<${p}/>`).join('')}</d:prop></d:propfind>`;
}

/**
 * sync-level 1 with getetag only: the cards themselves come by multiget, so a delta costs one small
 * answer plus one multiget per batch. No DAV:limit: neither Radicale nor Xandikos truncates, and
 * Xandikos answers a pretty-printed <limit> with 400 (docs/carddav.md).
 */
export function syncCollectionBody(token: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><d:sync-collection ${NS}><d:sync-token>${escapeXml(token)}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
}

export function multigetBody(hrefs: readonly string[]): string {
  const list = hrefs.map((h) => `<d:href>${escapeXml(h)}</d:href>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><card:addressbook-multiget ${NS}><d:prop><d:getetag/><card:address-data/></d:prop>${list}</card:addressbook-multiget>`;
}
