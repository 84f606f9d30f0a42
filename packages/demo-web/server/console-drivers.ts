import type { ContactDraft } from '@contactsync/core';
import type { GraphEmulator, WindowsLiveEmulator, YahooEmulator } from '@contactsync/adapters/emulators';
import type { ConsoleAnswer, ContactMatch, RemoteEditField } from '../shared/console-actions.js';

/** An answer now (an emulator's control plane), or once a real server has answered (Radicale). */
export type DriverAnswer = ConsoleAnswer | Promise<ConsoleAnswer>;

/** The server console's verbs, as each emulator's control plane (or a real server) carries them out. */
export interface ConsoleDriver {
  editContact(match: ContactMatch, field: RemoteEditField, value: string): DriverAnswer;
  deleteContact(match: ContactMatch): DriverAnswer;
  createContact(contact: ContactDraft): DriverAnswer;
  retryAfter(seconds: number, count: number): DriverAnswer;
  rejectNextWrite(): DriverAnswer;
  lock(locked: boolean): DriverAnswer;
}

export interface RemoteEntry {
  readonly remoteId: string;
  readonly contact: ContactDraft;
}

const lower = (text: string): string => text.trim().toLowerCase();

/**
 * The server's copy of a contact the app shows. The app knows no server ids (they are sync internals),
 * so it is found the way a person would: by an email address, else by name.
 */
export function findRemote(entries: readonly RemoteEntry[], match: ContactMatch): RemoteEntry | undefined {
  const emails = new Set(match.emails.map(lower));
  return (
    entries.find((e) => e.contact.emails.some((email) => emails.has(lower(email.address)))) ??
    entries.find(
      (e) =>
        lower(e.contact.name.given) === lower(match.given) &&
        lower(e.contact.name.family) === lower(match.family) &&
        (match.given + match.family).trim() !== '',
    )
  );
}

export const NOT_FOUND: ConsoleAnswer = { ok: false, message: 'The server has no copy of that contact (it may not have been synced yet).' };
export const who = (entry: RemoteEntry): string => `${entry.contact.name.given} ${entry.contact.name.family}`.trim() || entry.remoteId;

export function windowsLiveDriver(emulator: WindowsLiveEmulator): ConsoleDriver {
  const { control } = emulator;
  return {
    editContact(match, field, value) {
      const entry = findRemote(control.list(), match);
      if (entry === undefined) return NOT_FOUND;
      control.update(entry.remoteId, { [field]: value });
      return { ok: true, message: `Another device changed ${field} of ${who(entry)} on Windows Live.` };
    },
    deleteContact(match) {
      const entry = findRemote(control.list(), match);
      if (entry === undefined) return NOT_FOUND;
      control.remove(entry.remoteId);
      return { ok: true, message: `Another device deleted ${who(entry)} on Windows Live.` };
    },
    createContact(contact) {
      control.create(contact);
      return { ok: true, message: `Another device added ${contact.name.given} ${contact.name.family} on Windows Live.` };
    },
    retryAfter(seconds, count) {
      control.failNext({ status: 503, retryAfter: seconds, count });
      return { ok: true, message: `The next ${count} Windows Live requests answer 503 with Retry-After: ${seconds}.` };
    },
    rejectNextWrite() {
      // Creates POST to `Contacts`; updates and deletes go to `Contacts/Contact({id})` (docs/windows-live.md §1.2).
      control.failNext({ path: /\/Contacts(\/Contact\([^)]*\))?$/i, status: 400 });
      return { ok: true, message: 'Windows Live refuses the next change to a contact with 400.' };
    },
    lock(locked) {
      control.setLocked(locked);
      return {
        ok: true,
        message: locked
          ? 'Windows Live now answers 401: the account is restricted (Family Safety).'
          : 'The Windows Live account is no longer restricted.',
      };
    },
  };
}

export function yahooDriver(emulator: YahooEmulator): ConsoleDriver {
  const { control } = emulator;
  // An edit the book refuses (a ControlError) is an answer for the console, not a server failure.
  const attempt = (action: () => ConsoleAnswer): ConsoleAnswer => {
    try {
      return action();
    } catch (error) {
      return { ok: false, message: `Yahoo refused it (${error instanceof Error ? error.message : 'unknown reason'}).` };
    }
  };
  return {
    editContact: (match, field, value) =>
      attempt(() => {
        const entry = findRemote(control.listContacts(), match);
        if (entry === undefined) return NOT_FOUND;
        control.updateContact(entry.remoteId, { [field]: value });
        return { ok: true, message: `Another device changed ${field} of ${who(entry)} on Yahoo.` };
      }),
    deleteContact: (match) =>
      attempt(() => {
        const entry = findRemote(control.listContacts(), match);
        if (entry === undefined) return NOT_FOUND;
        control.removeContact(entry.remoteId);
        return { ok: true, message: `Another device deleted ${who(entry)} on Yahoo.` };
      }),
    createContact: (contact) =>
      attempt(() => {
        control.createContact(contact);
        return { ok: true, message: `Another device added ${contact.name.given} ${contact.name.family} on Yahoo.` };
      }),
    retryAfter(seconds, count) {
      control.failNext({ status: 503, code: -50302, retryAfter: seconds, count });
      return { ok: true, message: `The next ${count} Yahoo requests answer -50302 with retry-after ${seconds}.` };
    },
    rejectNextWrite() {
      control.failNextEvents({ code: -40014 });
      return { ok: true, message: 'Yahoo refuses the next change with -40014 (an invalid value).' };
    },
    lock(locked) {
      control.setLocked(locked);
      return {
        ok: true,
        message: locked ? 'Yahoo now answers -50302 (user locked, retry-after 600) to every request.' : 'The Yahoo user is unlocked.',
      };
    },
  };
}

export function graphDriver(emulator: GraphEmulator): ConsoleDriver {
  const { control } = emulator;
  return {
    editContact(match, field, value) {
      const entry = findRemote(control.list(), match);
      if (entry === undefined) return NOT_FOUND;
      control.update(entry.remoteId, { [field]: value });
      return { ok: true, message: `Another device changed ${field} of ${who(entry)} on Microsoft Graph.` };
    },
    deleteContact(match) {
      const entry = findRemote(control.list(), match);
      if (entry === undefined) return NOT_FOUND;
      control.remove(entry.remoteId, 'deleted');
      return { ok: true, message: `Another device deleted ${who(entry)} on Microsoft Graph.` };
    },
    createContact(contact) {
      control.create(contact);
      return { ok: true, message: `Another device added ${contact.name.given} ${contact.name.family} on Microsoft Graph.` };
    },
    retryAfter(seconds, count) {
      control.failNext({ status: 429, retryAfter: seconds, count });
      return { ok: true, message: `The next ${count} Graph requests answer 429 with Retry-After: ${seconds}.` };
    },
    rejectNextWrite() {
      // Writes travel inside `$batch` (docs/microsoft-graph.md): the refusal is one item's status.
      control.failNext({ status: 400, inBatch: true, code: 'ErrorInvalidProperty' });
      return { ok: true, message: 'Microsoft Graph refuses the next change to a contact with 400 inside its batch.' };
    },
    lock(locked) {
      control.setLocked(locked);
      return {
        ok: true,
        message: locked ? 'Microsoft Graph now answers 403 (access denied) to every request.' : 'The Graph mailbox is open again.',
      };
    },
  };
}
