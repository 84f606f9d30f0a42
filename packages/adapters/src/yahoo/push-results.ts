import type { ContactDraft, OperationOutcome, RemoteContact } from '@contactsync/core';
import { toRemoteContact } from './mapping.js';
import { nestedVerdict, OPERATION_FAILED, type OperationTarget } from './outcomes.js';
import type { Planned } from './push-plan.js';
import type { SyncResponse } from './wire.js';

/** An outcome that needs the whole book to be known (one follow-up `GET synchronize myrev=0`). */
export type Need =
  | { readonly kind: 'need-current'; readonly cid: number | null }
  | { readonly kind: 'need-record'; readonly cid: number }
  | { readonly kind: 'need-duplicate'; readonly contact: ContactDraft; readonly rejected: OperationOutcome };

export type Resolved = OperationOutcome | Need;

export const isNeed = (r: Resolved): r is Need => r.kind === 'need-current' || r.kind === 'need-record' || r.kind === 'need-duplicate';

/** The records a response's events carry, by cid (null: removed); the last event for a cid wins. */
export function recordsOf(response: SyncResponse): Map<number, RemoteContact | null> {
  const names = new Map(response.categories.map((c) => [c.catid, c.name]));
  const version = String(response.rev);
  const records = new Map<number, RemoteContact | null>();
  for (const event of response.events) {
    if (event.type === 'remove-contact') records.set(event.cid, null);
    else if (event.type !== 'address-book-reset')
      records.set(
        event.contact.cid,
        toRemoteContact(event.contact, (id) => names.get(id), version),
      );
  }
  return records;
}

/** The service's duplicate test compares fields, trimmed and ignoring case; categories do not count. */
export function sameContent(a: ContactDraft, b: ContactDraft): boolean {
  const norm = (c: ContactDraft) => {
    const t = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
    const sorted = (items: readonly object[]) => items.map((i) => JSON.stringify(Object.values(i).map((v) => t(String(v))))).sort();
    return JSON.stringify([
      Object.values(c.name).map(t),
      [c.nickname, c.company, c.jobTitle, c.notes, c.birthday].map(t),
      sorted(c.emails),
      sorted(c.phones),
      sorted(c.addresses),
    ]);
  };
  return norm(a) === norm(b);
}

function target(plan: Extract<Planned, { kind: 'sent' }>): OperationTarget {
  const kind = plan.op.kind;
  return kind === 'create' || kind === 'update' || kind === 'delete' ? kind : 'category';
}

/**
 * Maps each planned operation to its outcome from the response: results one-to-one with the sent
 * events, records from the same response's events. Returns the outcomes (some still needing the
 * book) and the cids whose events are echoes of this push's own writes.
 */
export function resolveResults(plans: readonly Planned[], response: SyncResponse, records: ReadonlyMap<number, RemoteContact | null>) {
  const echoes = new Set<number>();
  const tableName = (catid: number | undefined) => response.categories.find((c) => c.catid === catid)?.name ?? null;
  const outcomes = plans.map((plan): Resolved => {
    if (plan.kind === 'local') return plan.outcome;
    if (plan.kind === 'refetch-conflict') return { kind: 'need-current', cid: plan.cid };
    const result = response.results[plan.event];
    const op = plan.op;
    if (result === undefined) return { kind: 'failed', code: 'malformed-response', userMessage: OPERATION_FAILED, maybeCommitted: true };
    if (result.type === 'success') {
      switch (op.kind) {
        case 'create': {
          if (result.cid === undefined)
            return {
              kind: 'failed',
              code: 'malformed-response',
              userMessage: OPERATION_FAILED,
              debugMessage: 'success of add-contact without a cid',
              maybeCommitted: true,
            };
          echoes.add(result.cid);
          const record = records.get(result.cid);
          return record ? { kind: 'ok', record } : { kind: 'need-record', cid: result.cid };
        }
        case 'update': {
          const id = Number(op.base.remoteId);
          echoes.add(id);
          // No event: the update changed nothing, so the base is still the server's state.
          const record = records.has(id) ? records.get(id) : op.base;
          return record ? { kind: 'ok', record } : { kind: 'need-record', cid: id };
        }
        case 'delete':
          echoes.add(Number(op.base.remoteId));
          return { kind: 'ok' };
        default:
          return { kind: 'ok' };
      }
    }
    const verdict = nestedVerdict(result, target(plan));
    switch (verdict.kind) {
      case 'done':
        if (verdict.outcome.kind === 'ok' && op.kind === 'delete') echoes.add(Number(op.base.remoteId));
        return verdict.outcome;
      case 'category-conflict':
        return { kind: 'category-conflict', currentName: tableName(plan.catid) };
      case 'conflict': {
        if (op.kind !== 'update' && op.kind !== 'delete')
          return { kind: 'failed', code: String(result.code), userMessage: OPERATION_FAILED, maybeCommitted: false };
        const id = Number(op.base.remoteId);
        return records.has(id) ? { kind: 'conflict', current: records.get(id) ?? null } : { kind: 'need-current', cid: id };
      }
      case 'adopt-duplicate': {
        if (op.kind !== 'create') return verdict.rejected;
        for (const [id, record] of records) {
          if (record !== null && sameContent(record.contact, op.contact)) {
            echoes.add(id);
            return { kind: 'ok', record };
          }
        }
        return { kind: 'need-duplicate', contact: op.contact, rejected: verdict.rejected };
      }
    }
  });
  return { outcomes, echoes };
}
