import type { ContactDraft } from '@contactsync/core';
import { logControl } from '../../kit/emulator/common-control.js';
import { clockControl } from '../../kit/emulator/emulator-clock.js';
import { faultControl } from '../../kit/emulator/request-faults.js';
import { applyDraftChange, draftFromStored, storedFromDraft } from './draft.js';
import type { EmulatorState } from './state.js';
import { toWire } from './stored.js';
import type { EmulatorControl, Quotas, RemoteEntry } from './types.js';

/** The control plane as a TypeScript API. Changes made here are changes "from another device": they move the clock's change times like any write. */
export function createControl(state: EmulatorState): EmulatorControl {
  const newId = (): string => state.newId();
  const seed = (contacts: readonly ContactDraft[]): readonly string[] => {
    const now = state.now();
    const ids = contacts.map((draft) => {
      const stored = storedFromDraft(draft, newId, now);
      state.book.put(stored);
      return stored.id;
    });
    state.onChange();
    return ids;
  };
  const entry = (remoteId: string): RemoteEntry | null => {
    const stored = state.book.get(remoteId);
    return stored === undefined ? null : { remoteId: stored.id, contact: draftFromStored(stored) };
  };
  return {
    reset(contacts = []) {
      state.book.reset();
      return seed(contacts);
    },
    seed,
    list: () => state.book.all().map((c) => ({ remoteId: c.id, contact: draftFromStored(c) })),
    get: entry,
    wire(remoteId) {
      const stored = state.book.get(remoteId);
      return stored === undefined ? null : toWire(stored);
    },
    create(contact) {
      const [id] = seed([contact]);
      return id ?? '';
    },
    update(remoteId, change) {
      const stored = state.book.get(remoteId);
      if (stored === undefined) return false;
      state.book.put(applyDraftChange(stored, change, newId, state.now()));
      state.onChange();
      return true;
    },
    remove(remoteId) {
      const removed = state.book.delete(remoteId);
      if (removed) state.onChange();
      return removed;
    },
    ...faultControl(state.faults),
    // A locked Windows Live account is a restricted Family Safety one: every request answers 401 (§1.1).
    setLocked(locked) {
      state.familySafety = locked;
    },
    mintToken: (options = {}) => state.tokens.mint({ lid: options.lid ?? state.lid, readOnly: options.readOnly ?? false }),
    revokeToken: (token) => state.tokens.revoke(token),
    setQuotas(quotas: Partial<Quotas>) {
      state.quotas = { ...state.quotas, ...quotas };
    },
    get quotas() {
      return state.quotas;
    },
    ...logControl(state.requestLog),
    ...clockControl(state),
  };
}
