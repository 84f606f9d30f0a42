import {
  isRequestFailure,
  validateDraft,
  type ContactDraft,
  type OperationOutcome,
  type PushOperation,
  type PushOutcome,
  type PushRequest,
  type RequestFailure,
} from '@contactsync/core';
import type { DavHttp } from './http.js';
import { pushCreate } from './push-create.js';
import { pushDelete } from './push-delete.js';
import { pushUpdate } from './push-update.js';
import { CARDDAV_CODES, USER_MESSAGES } from './status-table.js';
import type { VCardVersion } from './vcard-card.js';
import { validateForCardDav } from './validate.js';
import { CARDDAV_FIELD_MODEL } from './field-model.js';
import type { OwnWrites } from './own-writes.js';

export interface PushContext {
  readonly http: DavHttp;
  readonly bookUrl: string;
  /** VERSION of the cards this client creates (an edit keeps the card's own). */
  readonly newCardVersion: VCardVersion;
  /** ETags of our own writes, by path: the next delta skips reading them again (own-writes.ts). */
  readonly ownWrites: OwnWrites;
}

/**
 * Push: one request per operation (CardDAV has no batch write), in order. A failure of the whole
 * request (offline, 401, 403, 5xx) ends the batch: the rest get the same failure, not sent.
 */
export async function push(ctx: PushContext, request: PushRequest): Promise<PushOutcome> {
  const results: OperationOutcome[] = [];
  let stopped: RequestFailure | null = null;
  for (const op of request.operations) {
    if (stopped !== null) {
      results.push(stopped);
      continue;
    }
    const outcome = await pushOne(ctx, op, request.signal);
    if (outcome.kind === 'ok' && outcome.record !== undefined) ctx.ownWrites.remember(outcome.record.remoteId, outcome.record.version);
    results.push(outcome);
    if (isRequestFailure(outcome)) stopped = outcome.kind === 'failed' ? { ...outcome, maybeCommitted: false } : outcome;
  }
  return { kind: 'results', results };
}

/**
 * Neither server refuses any vCard content, so the field model's limits and the email rule are
 * checked here, before anything is sent: what no other client of the book could use is refused.
 */
function invalid(contact: ContactDraft): OperationOutcome | null {
  const errors = [...validateDraft(contact, CARDDAV_FIELD_MODEL), ...validateForCardDav(contact)];
  const first = errors[0];
  return first === undefined
    ? null
    : {
        kind: 'rejected',
        code: CARDDAV_CODES.invalidContent,
        userMessage: USER_MESSAGES.invalidContent,
        debugMessage: `${first.path}: ${first.message}`,
      };
}

async function pushOne(ctx: PushContext, op: PushOperation, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  switch (op.kind) {
    case 'create':
      return invalid(op.contact) ?? pushCreate(ctx, op, signal);
    case 'update':
      return invalid(op.contact) ?? pushUpdate(ctx, op, signal);
    case 'delete':
      return pushDelete(ctx, op, signal);
    case 'rename-category':
    case 'remove-category':
      // traits.categoryOperations is false: the engine sends these as contact updates instead.
      return {
        kind: 'failed',
        code: CARDDAV_CODES.unsupportedOperation,
        userMessage: USER_MESSAGES.unsupportedOperation,
        debugMessage: `${op.kind} sent to CardDAV`,
        maybeCommitted: false,
        permanent: true,
      };
  }
}
