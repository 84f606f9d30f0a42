import type { OperationOutcome, PushOperation } from '@contactsync/core';
import type { YahooCodec } from './codec.js';
import { findByName, type CursorState } from './cursor.js';
import { addChanges } from './mapping.js';
import { updateChanges } from './mapping-diff.js';
import { fromMeta } from './meta.js';
import type { FieldChange, CategoryChange, RequestEvent, WireCategory } from './wire.js';

/** How one operation of a push is carried out. */
export type Planned =
  /** Answered without asking the server. */
  | { readonly kind: 'local'; readonly outcome: OperationOutcome }
  /** The base's meta is unusable: report a conflict with the server's current state instead. */
  | { readonly kind: 'refetch-conflict'; readonly cid: number | null }
  /** Sent as event number `event`; a category op remembers its catid and new name. */
  | { readonly kind: 'sent'; readonly event: number; readonly op: PushOperation; readonly catid?: number; readonly to?: string };

export interface PushPlan {
  readonly events: readonly RequestEvent[];
  readonly plans: readonly Planned[];
}

const CANNOT_CARRY: OperationOutcome = {
  kind: 'rejected',
  code: 'invalid-characters',
  userMessage: 'A field contains characters the address book cannot store.',
};

function cid(remoteId: string): number | null {
  return /^[0-9]{1,15}$/.test(remoteId) ? Number(remoteId) : null;
}

function texts(changes: { readonly fields: readonly FieldChange[]; readonly categories: readonly CategoryChange[] }): string[] {
  const out: string[] = [];
  for (const c of changes.fields) {
    if (c.op === 'remove') continue;
    out.push(c.field.data ?? '', c.field.title ?? '', ...Object.values(c.field.parts ?? {}));
  }
  for (const c of changes.categories) if ('name' in c.ref) out.push(c.ref.name);
  return out;
}

/**
 * Turns a batch into one request's events (docs/yahoo.md §2.3). Category names are looked up in the
 * cursor's table, with this push's own renames and removals applied as it goes, so a later contact
 * edit in the same push sees the new names.
 */
export function planPush(operations: readonly PushOperation[], state: CursorState | null, codec: YahooCodec): PushPlan {
  const events: RequestEvent[] = [];
  const plans: Planned[] = [];
  let table: WireCategory[] | null = state === null ? null : [...state.categories];
  const send = (event: RequestEvent, op: PushOperation, extra: { catid?: number; to?: string } = {}) => {
    plans.push({ kind: 'sent', event: events.length, op, ...extra });
    events.push(event);
  };
  const local = (outcome: OperationOutcome) => plans.push({ kind: 'local', outcome });
  /** A name the table does not know: one it had before a rename seen in a pull points at the category. */
  const formerly = (name: string): OperationOutcome => {
    const former = findByName(state?.former ?? [], name);
    const now = former === undefined ? undefined : table?.find((c) => c.catid === former.catid);
    return { kind: 'category-conflict', currentName: now?.name ?? null };
  };

  for (const op of operations) {
    switch (op.kind) {
      case 'create': {
        const changes = addChanges(op.contact);
        if (texts(changes).some((t) => codec.cannotCarry(t))) local(CANNOT_CARRY);
        else send({ type: 'add-contact', ...changes }, op);
        break;
      }
      case 'update': {
        const target = cid(op.base.remoteId);
        const meta = fromMeta(op.base.meta, op.base.contact);
        if (target === null || meta === null) {
          plans.push({ kind: 'refetch-conflict', cid: target });
          break;
        }
        const changes = updateChanges(op.base, meta, op.contact, table);
        if (texts(changes).some((t) => codec.cannotCarry(t))) local(CANNOT_CARRY);
        else send({ type: 'update-contact', cid: target, ...changes }, op);
        break;
      }
      case 'delete': {
        const target = cid(op.base.remoteId);
        if (target === null) local({ kind: 'ok' });
        else send({ type: 'remove-contact', cid: target }, op);
        break;
      }
      case 'rename-category': {
        const category = findByName(table ?? [], op.from);
        if (category === undefined) {
          local(formerly(op.from));
          break;
        }
        if (codec.cannotCarry(op.to)) {
          local(CANNOT_CARRY);
          break;
        }
        send({ type: 'rename-category', old: { catid: category.catid }, name: op.to }, op, { catid: category.catid, to: op.to });
        table = (table ?? []).map((c) => (c.catid === category.catid ? { catid: c.catid, name: op.to } : c));
        break;
      }
      case 'remove-category': {
        const category = findByName(table ?? [], op.name);
        if (category === undefined) {
          const conflict = formerly(op.name);
          // Never known, or already gone: nothing is left to remove.
          local(conflict.kind === 'category-conflict' && conflict.currentName !== null ? conflict : { kind: 'ok' });
          break;
        }
        send({ type: 'remove-category', ref: { catid: category.catid } }, op, { catid: category.catid });
        table = (table ?? []).filter((c) => c.catid !== category.catid);
        break;
      }
    }
  }
  return { events, plans };
}
