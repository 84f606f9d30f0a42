import type { ConflictChoice, Contact, ContactDraft, FieldError, FieldModel, SyncReport, SyncStatus } from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import type { DraftPatch } from '../model/draft-patch';

/**
 * The messages between the UI thread and the engine worker. The worker owns the engine; the UI
 * calls it through this RPC and reads the replica itself (live queries), so only writes, syncs and
 * status cross the boundary. Everything here is structured-clone safe (plain data).
 */

/** What the UI may ask of the engine. Each method answers once, with a value or a `WorkerError`. */
export interface EngineApi {
  /** Opens (or switches to) an account's engine and starts auto-sync and a first sync. */
  open(account: DemoAccount): Promise<void>;
  create(draft: ContactDraft): Promise<Contact>;
  /** The fields the person changed (see `draftPatch`); the rest of the stored contact is left as it is. */
  update(contactId: string, patch: DraftPatch): Promise<Contact>;
  remove(contactId: string): Promise<void>;
  sync(): Promise<SyncReport>;
  resolveConflict(conflictId: number, choice: ConflictChoice): Promise<void>;
  /** On every contact at once; resolves to how many contacts changed. */
  renameCategory(from: string, to: string): Promise<number>;
  removeCategory(name: string): Promise<number>;
  /** The service's own rules for a draft (core's shared rules run on the UI thread too). */
  validate(draft: ContactDraft): Promise<readonly FieldError[]>;
  /** What the open account's service stores (`engine.fieldModel`), once its engine is open. */
  fieldModel(): Promise<AccountFieldModel>;
  /** Paths of the contact's values its service cannot store (`engine.contacts.deviceOnlyFields`). */
  deviceOnlyFields(contactId: string): Promise<string[]>;
}

/** A field model with the account it belongs to, so a reply that crossed an account switch is ignored. */
export interface AccountFieldModel {
  readonly databaseName: string;
  readonly model: FieldModel;
}

export type EngineMethod = keyof EngineApi;

export type CallMessage = {
  [K in EngineMethod]: { readonly kind: 'call'; readonly id: number; readonly method: K; readonly args: Parameters<EngineApi[K]> };
}[EngineMethod];

/**
 * Signals for auto-sync: a worker has no `document`, so the page says when it became visible; it
 * forwards `online` too, and the demo's server console sends it when its simulated network returns.
 */
export interface SignalMessage {
  readonly kind: 'signal';
  readonly signal: 'online' | 'visible' | 'hidden';
}

export type ToWorker = CallMessage | SignalMessage;

/** A failed call, as plain data: `SyncError`'s code, user message and field errors, or a bug. */
export interface WorkerError {
  readonly code: string;
  readonly userMessage: string;
  readonly fieldErrors: readonly FieldError[];
}

export type FromWorker =
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: WorkerError }
  | { readonly kind: 'status'; readonly accountId: string; readonly status: SyncStatus }
  | { readonly kind: 'report'; readonly accountId: string; readonly report: SyncReport };
