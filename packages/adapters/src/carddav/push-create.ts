import type { OperationOutcome, PushOperation, RemoteContact } from '@contactsync/core';
import type { PushContext } from './push.js';
import { readOne } from './read-card.js';
import { hrefPath, metaOf, recordFromCard } from './record.js';
import { CARDDAV_CODES, failureOf, handlingOf, malformed, USER_MESSAGES } from './status-table.js';
import { newCard } from './vcard-patch.js';

type CreateOp = Extract<PushOperation, { kind: 'create' }>;

/**
 * PUT a new card to `<book>/<uid>.vcf` with `If-None-Match: *` (RFC 6352 §6.3.2, RFC 7232 §3.2).
 * The UID is the operation id, which the engine keeps for a contact across retries, so a create
 * resent after a lost answer meets its own card: 412, read it, same UID, adopt it. A server that
 * stores the card elsewhere says so in `Location` (same origin only). No ETag in the answer costs
 * one GET, never a guessed version.
 */
export async function pushCreate(ctx: PushContext, op: CreateOp, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const uid = op.opId;
  const path = `${new URL(ctx.bookUrl).pathname.replace(/\/?$/, '/')}${encodeURIComponent(uid)}.vcf`;
  const text = newCard(ctx.newCardVersion, uid, op.contact);
  const line = `PUT ${path}`;
  const response = await ctx.http({
    method: 'PUT',
    url: path,
    headers: { 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' },
    body: text,
    signal,
  });
  if (response.kind !== 'response') return response;
  switch (handlingOf('create', response.status)) {
    case 'ok': {
      const location = response.headers.get('Location');
      const stored = location === null ? path : hrefPath(location, response.url);
      if (stored === null) return malformed(line, `Location ${location ?? ''} is on another origin`, true);
      const etag = response.headers.get('ETag');
      if (etag === null || etag === '' || etag.startsWith('W/')) return settle(await readOne(ctx.http, stored, signal), line);
      return { kind: 'ok', record: recordFromCard(stored, etag, text) };
    }
    case 'exists': {
      const current = await readOne(ctx.http, path, signal);
      if (current.kind === 'card' && metaOf(current.record).uid === uid) return { kind: 'ok', record: current.record };
      if (current.kind !== 'card' && current.kind !== 'gone') return current;
      return {
        kind: 'rejected',
        code: CARDDAV_CODES.rejected,
        userMessage: USER_MESSAGES.rejected,
        debugMessage: `412 on ${line}: another card holds this href`,
      };
    }
    case 'rejected':
      return {
        kind: 'rejected',
        code: CARDDAV_CODES.rejected,
        userMessage: USER_MESSAGES.rejected,
        debugMessage: `${response.status} on ${line}: ${response.body.slice(0, 200)}`,
      };
    default:
      if (response.status === 207) {
        // Xandikos refuses a body it cannot parse with a 207 holding a 412 (docs/carddav.md).
        return {
          kind: 'rejected',
          code: CARDDAV_CODES.multistatusToPut,
          userMessage: USER_MESSAGES.rejected,
          debugMessage: `207 on ${line}`,
        };
      }
      return failureOf(response, line, true);
  }
}

/** The record a GET after a write found. */
export function settle(read: Awaited<ReturnType<typeof readOne>>, line: string): OperationOutcome {
  if (read.kind === 'card') return { kind: 'ok', record: read.record satisfies RemoteContact };
  if (read.kind === 'gone') return malformed(line, 'the card written is not there', true);
  // The write itself succeeded; only reading it back failed.
  return read.kind === 'failed' ? { ...read, maybeCommitted: true } : read;
}
