import type { ContactDraft } from '@contactsync/core';
import { logControl } from '../../kit/emulator/common-control.js';
import { clockControl } from '../../kit/emulator/emulator-clock.js';
import { faultControl } from '../../kit/emulator/request-faults.js';
import { draftFromProps, propsFromDraft } from './draft.js';
import type { EmulatorState } from './state.js';
import type { GraphEmulatorControl, GraphEmulatorSettings } from './types.js';

/** The control plane as a TypeScript API. Changes made here are changes "from another device". */
export function createControl(state: EmulatorState): GraphEmulatorControl {
  const { mailbox } = state;
  const seed = (contacts: readonly ContactDraft[]): readonly string[] => contacts.map((c) => mailbox.create(propsFromDraft(c)).id);
  return {
    reset(contacts = []) {
      mailbox.reset();
      state.rounds.clear();
      return seed(contacts);
    },
    seed,
    list: () => [...mailbox.contacts.values()].map((c) => ({ remoteId: c.id, contact: draftFromProps(c.props) })),
    get(remoteId) {
      const c = mailbox.contacts.get(remoteId);
      return c === undefined ? null : { remoteId, contact: draftFromProps(c.props) };
    },
    wire(remoteId) {
      const c = mailbox.contacts.get(remoteId);
      return c === undefined ? null : mailbox.render(c, null);
    },
    create: (contact) => mailbox.create(propsFromDraft(contact)).id,
    update: (remoteId, change) => mailbox.patch(remoteId, propsFromDraft(change)) !== null,
    patchWire: (remoteId, properties) => mailbox.patch(remoteId, { ...properties }) !== null,
    remove: (remoteId, reason = 'deleted') => mailbox.remove(remoteId, reason),
    expireTokens: (how) => mailbox.expireTokens(how),
    ...faultControl(state.faults),
    setLocked(locked) {
      state.locked = locked;
    },
    token: () => state.currentToken,
    rotateToken: () => state.rotateToken(),
    setSettings(settings: Partial<GraphEmulatorSettings>) {
      state.settings = { ...state.settings, ...settings };
    },
    get settings() {
      return state.settings;
    },
    ...logControl(state.requestLog),
    ...clockControl(state),
  };
}
