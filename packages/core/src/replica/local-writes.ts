import { produce, type Draft } from 'immer';
import type { Contact, ContactDraft, ContactInput } from '../model/contact.js';
import { pickDraft, toDraft } from '../model/draft.js';
import { sameJson } from '../merge/same-json.js';
import { SyncError, type FieldError } from '../errors.js';
import type { ContactRow, ReplicaDb } from './schema.js';
import { expectRow, positionOf, transition } from './contact-transitions.js';
import { writeOutboxEffect } from './write-transition.js';
import { remoteOf, toContact } from './rows.js';
import { storageTransaction } from './storage-error.js';

/** A partial contact to lay over the current one, or an immer recipe that edits a draft. */
export type ContactPatch = Partial<ContactDraft> | ((draft: Draft<ContactDraft>) => void);

export interface LocalWriteContext {
  readonly db: ReplicaDb;
  readonly now: () => number;
  readonly newId: () => string;
  /** Every rule of the account (`ServiceRules.check`): shared, field model, service's own. */
  readonly validate: (draft: ContactDraft) => readonly FieldError[];
  /** Called after each committed write with how it changed the outbox size (+1, 0 or -1). */
  readonly onWrite: (pendingDelta: number) => void;
}

/**
 * Every local write goes through here: the contact row and its outbox entry commit in one
 * IndexedDB transaction, or neither does. Writes work offline; nothing here touches the network.
 */
export function createLocalWrites(ctx: LocalWriteContext) {
  const { db } = ctx;

  function checked(draft: ContactDraft): ContactDraft {
    const errors = ctx.validate(draft);
    if (errors.length > 0) {
      throw new SyncError('invalid-contact', errors.map((e) => e.message).join(' '), { fieldErrors: errors });
    }
    return draft;
  }

  async function create(input: ContactInput): Promise<Contact> {
    const draft = checked(toDraft(input));
    const id = ctx.newId();
    const now = ctx.now();
    const t = expectRow(transition(positionOf(id, undefined, undefined), { type: 'edited', at: now, base: null }));
    const row: ContactRow = { ...draft, id, updatedAt: now, state: t.state };
    // Both requests are issued at once: IndexedDB runs them in order in the one transaction, and
    // the write pays one round trip to the storage instead of two (issue 16).
    await inTransaction(async () => {
      await Promise.all([db.contacts.add(row), writeOutboxEffect(db, id, t.outbox)]);
    });
    ctx.onWrite(+1);
    return toContact(row);
  }

  async function update(id: string, patch: ContactPatch): Promise<Contact> {
    let result: ContactRow | undefined;
    let delta: number | null = null;
    await inTransaction(async () => {
      // The row and its outbox entry are read together and written together (one round trip each
      // way); the entry is needed whatever the row says, since a coalesced edit moves its `seq`.
      const [before, entry] = await Promise.all([db.contacts.get(id), db.outbox.get(id)]);
      if (before === undefined) throw new SyncError('not-found', 'This contact no longer exists.');
      const current = pickDraft(before);
      const next = checked(applyPatch(current, patch));
      if (sameJson(next, current)) {
        result = before;
        return;
      }
      const now = ctx.now();
      const t = expectRow(transition(positionOf(id, before, entry), { type: 'edited', at: now, base: remoteOf(before) }));
      result = { ...before, ...next, updatedAt: now, state: t.state };
      delta = entry === undefined ? 1 : 0;
      await Promise.all([db.contacts.put(result), writeOutboxEffect(db, id, t.outbox)]);
    });
    if (delta !== null) ctx.onWrite(delta);
    return toContact(result as ContactRow);
  }

  async function remove(id: string): Promise<void> {
    let delta = 0;
    await inTransaction(async () => {
      const [before, entry] = await Promise.all([db.contacts.get(id), db.outbox.get(id)]);
      const base = before === undefined ? null : remoteOf(before);
      const t = transition(positionOf(id, before, entry), { type: 'removed', at: ctx.now(), base });
      if (!t.ok) return; // Removing what is gone is done.
      await Promise.all([db.contacts.delete(id), writeOutboxEffect(db, id, t.outbox)]);
      delta = (t.outbox.kind === 'put' ? 1 : 0) - (entry === undefined ? 0 : 1);
    });
    if (delta !== 0) ctx.onWrite(delta);
  }

  function inTransaction(work: () => Promise<void>): Promise<void> {
    return storageTransaction(db, 'rw', [db.contacts, db.outbox], work);
  }

  return { create, update, remove };
}

function applyPatch(current: ContactDraft, patch: ContactPatch): ContactDraft {
  if (typeof patch === 'function') return produce(current, patch);
  return pickDraft({ ...current, ...patch, name: { ...current.name, ...patch.name } });
}
