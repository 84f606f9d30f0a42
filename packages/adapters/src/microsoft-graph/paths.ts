import { MAPPED_PROPERTIES, OP_ID_PROPERTY } from './wire.js';

/** The request paths this client uses, relative to the service root (e.g. `https://graph.microsoft.com/v1.0`). */
export interface GraphPaths {
  /** Where contacts are created and listed: `/me/contacts` or `/me/contactFolders/{id}/contacts`. */
  readonly collection: string;
  /** The first request of a round: the collection's delta function with our `$select`. */
  readonly deltaStart: string;
  item(id: string): string;
  /** One contact, with the properties this client maps. */
  itemSelected(id: string): string;
  /** The contacts created by one operation: one `$filter` on the op-id extended property. */
  byOperation(opId: string): string;
}

const SELECT = `$select=${MAPPED_PROPERTIES.join(',')}`;

/** OData string literal: single quotes doubled. */
const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export function graphPaths(folderId: string | undefined): GraphPaths {
  const collection = folderId === undefined ? '/me/contacts' : `/me/contactFolders/${encodeURIComponent(folderId)}/contacts`;
  const item = (id: string): string => `/me/contacts/${encodeURIComponent(id)}`;
  return {
    collection,
    deltaStart: `${collection}/delta?${SELECT}`,
    item,
    itemSelected: (id) => `${item(id)}?${SELECT}`,
    byOperation: (opId) =>
      `${collection}?$filter=${encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq ${literal(OP_ID_PROPERTY)} and ep/value eq ${literal(opId)})`)}&${SELECT}`,
  };
}
