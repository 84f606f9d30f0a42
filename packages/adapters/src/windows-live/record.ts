import type { RemoteContact } from '@contactsync/core';
import { refsFromWire, refsToMeta } from './child-refs.js';
import { draftFromWire } from './mapping.js';
import type { WireContact } from './wire.js';
import { versionOf } from './version.js';

/**
 * A received `<Contact>` as a core record. Its version carries the `Last-Modified` of the response it
 * came in: the value to send as `If-Unmodified-Since` when writing it back (docs/windows-live.md §1.5).
 */
export function recordFromWire(id: string, contact: WireContact, lastModified: string): RemoteContact {
  const draft = draftFromWire(contact);
  return { remoteId: id, version: versionOf(lastModified, draft), contact: draft, meta: refsToMeta(refsFromWire(contact)) };
}
