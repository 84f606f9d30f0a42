import type { FieldError } from '../errors.js';
import type { ContactDraft } from '../model/contact.js';
import { pickDraft } from '../model/draft.js';
import { storedPart } from '../model/device-only.js';
import { mergeContact } from '../merge/three-way.js';
import { sameJson } from '../merge/same-json.js';
import type { ServiceRules } from '../merge/service-rules.js';
import type { RemoteContact } from '../service/contact-service.js';
import type { ContactRow, OutboxEntry } from '../replica/schema.js';
import { rowFromRemote } from '../replica/rows.js';
import { CONFLICT_MESSAGES } from '../model/conflict-messages.js';
import { positionOf, transition, type ConflictNote, type MergeVerdict, type OutboxEffect } from '../replica/contact-transitions.js';

export type { ConflictNote };

/** What to write after merging a contact's pending change with a newer server record. */
export interface MergeDecision {
  readonly row: ContactRow;
  /** The entry to keep (resubmitted when `ready`), or dropped when the merge equals the server's record. */
  readonly outbox: OutboxEffect;
  readonly notes: readonly ConflictNote[];
  /** The entry had been refused; the server's change made it moot or worth sending again. */
  readonly clearsRejection: boolean;
}

/** The code of a merge the engine holds back because the service would refuse it. */
export const MERGE_REFUSED = 'merge-refused';

/**
 * Merges `row` (local, with its pending `entry` whose base is the merge base) with `record`, the
 * newer server state, through the service's rules. The safety net: a merged contact the service
 * would refuse is never queued; it is held as a refused change whose inbox record names the field
 * and why, until the user edits it. A refused entry whose contact the server changed is looked at
 * again: settled by the change, or sent once more. Pure; the callers write the result. Null when
 * there is nothing to merge (the entry is a delete: the contact transitions refuse it).
 */
export function decideMerge(
  rules: ServiceRules,
  row: ContactRow,
  entry: OutboxEntry,
  record: RemoteContact,
  now: number,
): MergeDecision | null {
  const base = entry.base ?? record;
  const { merged, overwritten } = mergeContact(base.contact, pickDraft(row), record.contact, rules.model);
  const notes: ConflictNote[] = [];
  if (overwritten.length > 0) notes.push({ kind: 'overwritten', fields: overwritten, message: CONFLICT_MESSAGES.overwritten });
  const verdict = mergeVerdict(rules, merged, record, notes);
  const t = transition(positionOf(row.id, row, entry), { type: 'merged', record, verdict });
  if (!t.ok || t.state === 'absent') return null;
  return {
    row: { ...rowFromRemote(row.id, record, now, t.state), ...merged },
    outbox: t.outbox,
    notes,
    clearsRejection: entry.status === 'rejected',
  };
}

/** Settled when the merge is what the server holds; refused (with an inbox record) when the service would refuse it. */
function mergeVerdict(rules: ServiceRules, merged: ContactDraft, record: RemoteContact, notes: ConflictNote[]): MergeVerdict {
  if (sameJson(storedPart(merged, rules.model), storedPart(pickDraft(record.contact), rules.model))) return { kind: 'settled' };
  const errors = rules.check(merged);
  if (errors.length === 0) return { kind: 'resubmit' };
  const userMessage = refusedMergeMessage(errors);
  notes.push({
    kind: 'rejected',
    code: MERGE_REFUSED,
    message: userMessage,
    fields: errors.map((e) => ({ path: e.path, localValue: valueAt(merged, e.path), remoteValue: valueAt(record.contact, e.path) })),
  });
  return { kind: 'refused', rejection: { code: MERGE_REFUSED, userMessage } };
}

function refusedMergeMessage(errors: readonly FieldError[]): string {
  const first = errors[0] as FieldError;
  return `Your change and another device's change to ${fieldLabel(first.path)} cannot be saved together: ${first.message} Edit the contact to fix it; both values are kept here until then.`;
}

const LABELS: Readonly<Record<string, string>> = {
  name: 'the name',
  nickname: 'the nickname',
  company: 'the company',
  jobTitle: 'the job title',
  notes: 'the notes',
  birthday: 'the birthday',
  emails: 'the email addresses',
  phones: 'the phone numbers',
  addresses: 'the addresses',
  categories: 'the categories',
};

/** `emails.1.type` -> "the email addresses". */
export function fieldLabel(path: string): string {
  return LABELS[path.split('.')[0] ?? ''] ?? 'this contact';
}

function valueAt(contact: unknown, path: string): unknown {
  let value: unknown = contact;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}
