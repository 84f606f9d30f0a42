import type { RemoteContact } from '@contactsync/core';
import { recordFromWire } from './mapping.js';
import type { GraphContact } from './wire.js';

/**
 * A complete contact as a core record. The version is the `@odata.etag` (it changes with every
 * write, and is what `If-Match` compares), else the changeKey it is made from; null without either.
 */
export function recordOf(contact: GraphContact): RemoteContact | null {
  const version = contact['@odata.etag'] ?? contact.changeKey ?? null;
  if (version === null || version === '') return null;
  return recordFromWire(contact, version);
}
