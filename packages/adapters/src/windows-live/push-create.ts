import type { OperationOutcome, PushOperation } from '@contactsync/core';
import { unknownRefs, refsToMeta } from './child-refs.js';
import { encodeContact } from './codec.js';
import { draftToWire, storedForm } from './mapping.js';
import { malformed, requestFailure, WL_STATUS } from './outcomes.js';
import { badRequest, conflict409, duplicateEmailType } from './rejections.js';
import { idFromLocation, type Send, type WlRequest } from './transport.js';
import { HEADERS } from './wire.js';
import { versionOf } from './version.js';

type CreateOp = Extract<PushOperation, { kind: 'create' }>;

/**
 * POST Contacts with one `<Contact>` (§1.2). The record is built from what was sent plus the id in
 * `Location` and the 201's `Last-Modified`, without a second request: the 201 names only the
 * contact, so child ids stay unknown until the contact is next read (an update that needs them
 * reads it first). A create is one request, so the server's 400/409 verdict is atomic.
 */
export async function pushCreate(send: Send, op: CreateOp, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const wire = draftToWire(op.contact);
  const line: WlRequest = { method: 'POST', path: 'Contacts', body: encodeContact(wire), signal };
  const response = await send(line);
  if (response.kind !== 'response') return response;
  switch (WL_STATUS.decide(response.status, 'create')) {
    case 'created': {
      const id = idFromLocation(response.headers, 'Contact');
      const version = response.headers.get(HEADERS.lastModified);
      // The contact exists but cannot be addressed: the engine must look for it like a lost answer.
      if (id === null) return malformed(line, '201 without a Contact(id) Location', true);
      if (version === null || Number.isNaN(Date.parse(version))) return malformed(line, '201 without a valid Last-Modified', true);
      const contact = storedForm(op.contact);
      return {
        kind: 'ok',
        record: { remoteId: id, version: versionOf(version, contact), contact, meta: refsToMeta(unknownRefs(contact)) },
      };
    }
    case 'refused':
      return badRequest(line, wire);
    case 'unique-or-quota':
      return conflict409(line, duplicateEmailType((wire.Emails ?? []).map((e) => e.EmailType)));
    default:
      return requestFailure(response, line);
  }
}
