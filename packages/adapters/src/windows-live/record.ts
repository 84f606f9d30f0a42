import type { RemoteContact } from '@contactsync/core';
import { refsFromWire, refsToMeta } from './child-refs.js';
import { draftFromWire } from './mapping.js';
import type { WireContact } from './wire.js';

/**
 * A received `<Contact>` as a core record. `version` is the `Last-Modified` of the response it came
 * in: the value to send as `If-Unmodified-Since` when writing it back (PROTOCOLS.md §1.5).
 */
export function recordFromWire(id: string, contact: WireContact, version: string): RemoteContact {
  return { remoteId: id, version, contact: draftFromWire(contact), meta: refsToMeta(refsFromWire(contact)) };
}
