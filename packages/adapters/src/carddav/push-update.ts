import type { OperationOutcome, PushOperation, RemoteContact } from '@contactsync/core';
import type { PushContext } from './push.js';
import { readOne } from './read-card.js';
import { metaOf, recordFromCard } from './record.js';
import { settle } from './push-create.js';
import { CARDDAV_CODES, failureOf, handlingOf, USER_MESSAGES } from './status-table.js';
import { readCard } from './vcard-card.js';
import { patchCard } from './vcard-patch.js';

type UpdateOp = Extract<PushOperation, { kind: 'update' }>;

const unreadable = (path: string): OperationOutcome => ({
  kind: 'rejected',
  code: CARDDAV_CODES.unreadableCard,
  userMessage: USER_MESSAGES.unreadableCard,
  debugMessage: `${path}: the card on the server cannot be read, so it is never written back`,
});

/**
 * PUT the edited card with `If-Match: <base ETag>` (RFC 7232 §3.1). The edit is applied to the
 * card's own text (kept in meta, or read first when it was too big to keep), so everything the
 * model does not map survives. A stale base is a conflict carrying the server's card: the engine
 * merges and resubmits. Radicale answers 201, Xandikos 204: both are ok.
 */
export async function pushUpdate(ctx: PushContext, op: UpdateOp, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const path = op.base.remoteId;
  const meta = metaOf(op.base);
  if (meta.unreadable) return unreadable(path);
  let text = meta.card;
  if (text === null) {
    // Too big to keep in the replica: read it now. A different ETag already means a conflict.
    const current = await readOne(ctx.http, path, signal);
    if (current.kind === 'gone') return { kind: 'gone' };
    if (current.kind !== 'card') return current;
    if (current.record.version !== op.base.version) return { kind: 'conflict', current: current.record };
    text = current.text;
  }
  const reading = readCard(text);
  if (!reading.ok) return unreadable(path);
  const body = patchCard(reading.card, op.contact);
  const line = `PUT ${path}`;
  const response = await ctx.http({
    method: 'PUT',
    url: path,
    headers: { 'Content-Type': 'text/vcard; charset=utf-8', 'If-Match': op.base.version },
    body,
    signal,
  });
  if (response.kind !== 'response') return response;
  switch (handlingOf('update', response.status)) {
    case 'ok': {
      const etag = response.headers.get('ETag');
      if (etag === null || etag === '' || etag.startsWith('W/')) return settle(await readOne(ctx.http, path, signal), line);
      return { kind: 'ok', record: recordFromCard(path, etag, body) };
    }
    case 'conflict':
      return conflict(ctx, path, signal);
    case 'gone':
      return { kind: 'gone' };
    case 'rejected':
      return {
        kind: 'rejected',
        code: CARDDAV_CODES.rejected,
        userMessage: USER_MESSAGES.rejected,
        debugMessage: `${response.status} on ${line}: ${response.body.slice(0, 200)}`,
      };
    default:
      if (response.status === 207)
        return {
          kind: 'rejected',
          code: CARDDAV_CODES.multistatusToPut,
          userMessage: USER_MESSAGES.rejected,
          debugMessage: `207 on ${line}`,
        };
      return failureOf(response, line, true);
  }
}

/** A 412: the card changed since our base. Its current state, for the engine to merge. */
export async function conflict(ctx: PushContext, path: string, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const current = await readOne(ctx.http, path, signal);
  if (current.kind === 'card') return { kind: 'conflict', current: current.record satisfies RemoteContact };
  if (current.kind === 'gone') return { kind: 'conflict', current: null };
  return current;
}
