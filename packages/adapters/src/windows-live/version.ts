import type { ContactDraft, Version } from '@contactsync/core';
import { storedForm } from './mapping.js';

/**
 * A record's version: the `Last-Modified` it came with, then `#` and a digest of its content as
 * the server stores it. Whole-second dates alone cannot tell two writes within one second apart
 * (docs/windows-live.md §1.5), and the engine treats an unchanged version as an unchanged record, so the
 * digest makes a same-second edit by another device a new version. Only the date goes on the wire.
 */
export function versionOf(lastModified: string, contact: ContactDraft): Version {
  return `${lastModified}#${digest(canonicalContent(storedForm(contact)))}`;
}

/** The `If-Unmodified-Since` value of a version. */
export function lastModifiedOf(version: Version): string {
  const hash = version.lastIndexOf('#');
  return hash === -1 ? version : version.slice(0, hash);
}

/** Content in a form where the order the service lists children and tags in does not matter. */
export function canonicalContent(d: ContactDraft): string {
  return JSON.stringify({
    ...d,
    emails: d.emails.map((e) => JSON.stringify(e)).sort(),
    phones: d.phones.map((p) => JSON.stringify(p)).sort(),
    addresses: d.addresses.map((x) => JSON.stringify(x)).sort(),
    categories: [...d.categories].sort(),
  });
}

/** FNV-1a, 32 bits: a change detector, not a security measure. */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
