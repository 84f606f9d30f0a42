import type { ContactDraft } from '@contactsync/core';

/**
 * What the server console can ask of an emulator (`POST /api/console/{accountId}/{action}`). The
 * server maps each to the emulator's own control plane; see `server/console-drivers.ts`.
 */

/** Finds the server's copy of a contact the app shows: the app does not know server ids. */
export interface ContactMatch {
  readonly emails: readonly string[];
  readonly given: string;
  readonly family: string;
}

/** The scalar fields the console can change "on another device". */
export const REMOTE_EDIT_FIELDS = ['jobTitle', 'company', 'notes', 'nickname'] as const;
export type RemoteEditField = (typeof REMOTE_EDIT_FIELDS)[number];

export interface ConsoleActions {
  /** Another device edits one field of the matching contact. */
  'edit-contact': { readonly match: ContactMatch; readonly field: RemoteEditField; readonly value: string };
  /** Another device deletes the matching contact. */
  'delete-contact': { readonly match: ContactMatch };
  /** Another device creates a contact. */
  'create-contact': { readonly contact: ContactDraft };
  /** The next `count` requests are refused with a retry-after (WL 503 + Retry-After, Yahoo -50302). */
  'retry-after': { readonly seconds: number; readonly count: number };
  /** The server refuses the next write as invalid (WL 400; Yahoo a nested -40014), to show a rejection. */
  'reject-next-write': Record<string, never>;
  /** Lock the user (WL: a restricted Family Safety account, 401; Yahoo: -50302 until unlocked). */
  lock: { readonly locked: boolean };
}

export type ConsoleActionName = keyof ConsoleActions;

/** Every console answer: what happened, in words for the console's log. */
export interface ConsoleAnswer {
  readonly ok: boolean;
  readonly message: string;
}
