/** A contact's sync badge and the conflicts log's records, as the app sees them. */

export type ContactSyncState = 'synced' | 'pending' | 'conflict' | 'rejected';

export type ConflictKind =
  /** Both sides changed a field: the local value was kept, the remote one is recorded here. */
  | 'overwritten'
  /** Edited here, deleted on the server: the contact was re-created. */
  | 'recreated'
  /** Deleted here, edited on the server: the contact was kept with the server's edits. */
  | 'delete-undone'
  /** The merge-and-resubmit cap was reached; the change is still pending. */
  | 'unresolved'
  /**
   * The server refused the write, or the engine held back a merge the service would refuse (code
   * `merge-refused`); the local contact is kept as the user wrote it.
   */
  | 'rejected'
  /**
   * The user discarded a change ("use the server's version"); what they had written is kept here
   * (`localValue` per field) and `keep-local` brings it back as a new edit.
   */
  | 'discarded';

export interface ConflictField {
  /** A path into the contact, e.g. `name.given`, `notes`, `emails`. */
  readonly path: string;
  readonly localValue: unknown;
  readonly remoteValue: unknown;
}

export interface ConflictRecord {
  readonly id: number;
  readonly contactId: string;
  readonly kind: ConflictKind;
  readonly at: number;
  readonly fields: readonly ConflictField[];
  /** User-facing text (for `rejected`: the server's user message). */
  readonly message: string;
  readonly code?: string;
}

/**
 * - `keep-local`: dismiss the record; for `unresolved` and `rejected`, send the local state again
 *   (refused with `invalid-contact` while it breaks the account's rules); for `discarded`, bring the
 *   discarded values back as a new local edit.
 * - `use-remote`: restore the recorded remote values (an `overwritten` record) as a new local edit,
 *   or, for `unresolved` / `rejected` / `recreated`, drop the local change and return to the
 *   server's state, leaving a `discarded` record; for `discarded`, dismiss it.
 */
export type ConflictChoice = 'keep-local' | 'use-remote';
