import type { ContactDraft } from '@contactsync/core';
import type { BookControl, CommonControl } from '../../kit/emulator/common-control.js';
import type { EmulatorBaseOptions } from '../../kit/emulator/emulator-server.js';
import type { FaultLogEntry, ForcedStatus, RequestMatch } from '../../kit/emulator/request-faults.js';

/** The emulated mailbox's limits and delta behaviour; every one can be changed by the control plane. */
export interface GraphEmulatorSettings {
  /** Largest page a delta round serves, whatever `odata.maxpagesize` asks (Graph: 200 for contacts). */
  readonly maxPageSize: number;
  /** Concurrent requests per mailbox; one more is answered 429 (Graph's Outlook limit: 4). */
  readonly maxConcurrent: number;
  /** Seconds sent as `Retry-After` with a concurrency 429. */
  readonly concurrencyRetryAfter: number;
  /**
   * Requests per mailbox per 10 minutes of the emulator clock (Outlook's limit: 10,000); one more is
   * answered 429 with a `Retry-After` until the window ends. null: no limit.
   */
  readonly requestsPer10Minutes: number | null;
  /** Delta and skip tokens older than this (emulator clock) answer 410; null: they never expire. */
  readonly tokenLifetimeMs: number | null;
  /** Updated items in a delta round carry only the properties the last write changed. */
  readonly partialUpdates: boolean;
  /** Every item of a delta page is sent twice (Graph may repeat an item within a round). */
  readonly replay: boolean;
  /** Items of a page come in a shuffled order. */
  readonly shuffle: boolean;
  /** Empty pages (with a nextLink) served before each round's first page. */
  readonly emptyPages: number;
  /** Most email addresses a contact may hold (Outlook: 3). */
  readonly maxEmails: number;
}

export const DEFAULT_SETTINGS: GraphEmulatorSettings = {
  maxPageSize: 200,
  maxConcurrent: 4,
  concurrencyRetryAfter: 1,
  requestsPer10Minutes: null,
  tokenLifetimeMs: null,
  partialUpdates: false,
  replay: false,
  shuffle: false,
  emptyPages: 0,
  maxEmails: 3,
};

export interface GraphEmulatorOptions extends EmulatorBaseOptions {
  readonly settings?: Partial<GraphEmulatorSettings>;
  /** The access token the mailbox accepts at first; random by default. */
  readonly token?: string;
  /** Seed of the emulator's own randomness (shuffled pages and batch answers). */
  readonly seed?: number;
}

export interface GraphEmulator {
  /** The service root, `http://127.0.0.1:{port}/v1.0`: the adapter's `baseUrl`. */
  readonly url: string;
  /** `http://127.0.0.1:{port}`; the control plane is under `/_control/`. */
  readonly origin: string;
  readonly control: GraphEmulatorControl;
  close(): Promise<void>;
}

/** Request patterns are the emulator kit's (kit/emulator/request-faults.ts). */
export type { DroppedResponse, RequestMatch } from '../../kit/emulator/request-faults.js';

export interface ForcedResponse extends ForcedStatus {
  /** The OData error code in the body (e.g. `syncStateNotFound`). */
  readonly code?: string;
  /** Applies to the items inside `$batch` requests instead of to HTTP requests. */
  readonly inBatch?: boolean;
}

export interface LogEntry extends FaultLogEntry {
  /** An item inside a `$batch` request. */
  readonly inBatch: boolean;
}

export type { RemoteEntry } from '../../kit/emulator/common-control.js';

/**
 * The control plane (also served as JSON under `/_control/`): the common names of every emulator
 * (kit/emulator/common-control.ts; `setLocked` makes every request answer 403 ErrorAccessDenied)
 * and Graph's own.
 */
export interface GraphEmulatorControl extends CommonControl<ForcedResponse, RequestMatch>, BookControl<Readonly<Record<string, unknown>>> {
  /** Empties the mailbox (every delta token becomes unknown) and seeds it. */
  reset(contacts?: readonly ContactDraft[]): readonly string[];
  /** Another device sets Graph properties directly (e.g. ones the adapter does not map). */
  patchWire(remoteId: string, properties: Readonly<Record<string, unknown>>): boolean;
  /** Another device deletes a contact (`@removed: deleted`), or moves it out of the folder (`changed`). */
  remove(remoteId: string, reason?: 'deleted' | 'changed'): boolean;
  /** Every delta and skip token issued so far stops working: `gone` = 410 with Location; else 400 with the code. */
  expireTokens(how: 'gone' | 'syncStateNotFound' | 'syncStateInvalid'): void;
  /** The token in use now. */
  token(): string;
  /** Revokes every token (requests answer 401) and returns the new valid one. */
  rotateToken(): string;
  setSettings(settings: Partial<GraphEmulatorSettings>): void;
  readonly settings: GraphEmulatorSettings;
  log(): readonly LogEntry[];
}
