import type { ContactDraft } from '@contactsync/core';
import type { BookControl, CommonControl } from '../../kit/emulator/common-control.js';
import type { FaultLogEntry, ForcedStatus, RequestMatch } from '../../kit/emulator/request-faults.js';
import type { EmulatorBaseOptions } from '../../kit/emulator/emulator-server.js';
import type { WireContact } from '../wire.js';

/** Limits of the emulated service; every one is configurable (docs/windows-live.md marks them choices). */
export interface Quotas {
  /** Contacts per book (§1.3); a create beyond it is 409. */
  readonly maxContacts: number;
  /** Distinct tags per book (§1.3); a write beyond it is 409. */
  readonly maxTags: number;
  /** Calls per second per token (§1.6); null lifts the limit. Over it: 504 + Retry-After. */
  readonly callsPerSecond: number | null;
  /** Contacts per delta page (§1.4). */
  readonly maxDeltaContacts: number;
  /** How long tombstones are kept (§1.4). */
  readonly tombstoneDays: number;
}

export const DEFAULT_QUOTAS: Quotas = {
  maxContacts: 6500,
  maxTags: 200,
  callsPerSecond: 20,
  maxDeltaContacts: 1000,
  tombstoneDays: 30,
};

export interface WindowsLiveEmulatorOptions extends EmulatorBaseOptions {
  readonly quotas?: Partial<Quotas>;
  /** A JSON file the book is loaded from (if present) and saved to after every change. */
  readonly persistPath?: string;
  /** The book's location id (16 hex digits); random by default. */
  readonly lid?: string;
  /** The read-write token for the book; random by default. */
  readonly token?: string;
}

export interface WindowsLiveEmulator {
  /** `http://127.0.0.1:{port}`: the adapter's `baseUrl`. */
  readonly url: string;
  readonly lid: string;
  /** The lid read as a signed 64-bit decimal: the `@C@` form of the book's address. */
  readonly cid: string;
  readonly token: string;
  readonly control: EmulatorControl;
  close(): Promise<void>;
}

/** Forced statuses and request patterns are the emulator kit's (kit/emulator/request-faults.ts). */
export type { DroppedResponse, RequestMatch } from '../../kit/emulator/request-faults.js';
export type ForcedResponse = ForcedStatus;

export type LogEntry = FaultLogEntry;

export type { RemoteEntry } from '../../kit/emulator/common-control.js';

/**
 * The control plane (also served as JSON under `/_control/`): the common names of every emulator
 * (kit/emulator/common-control.ts; `setLocked` flags the book as a restricted Family Safety account,
 * which answers 401) and Windows Live's own.
 */
export interface EmulatorControl extends CommonControl<ForcedResponse, RequestMatch>, BookControl<WireContact> {
  /** Empties the book (no tombstones survive: clients holding older cursors get a whole book) and seeds it. */
  reset(contacts?: readonly ContactDraft[]): readonly string[];
  /** A new token for this book (or another lid, for the "token of another book" case). */
  mintToken(options?: { readonly readOnly?: boolean; readonly lid?: string }): string;
  revokeToken(token: string): void;
  setQuotas(quotas: Partial<Quotas>): void;
  readonly quotas: Quotas;
  log(): readonly LogEntry[];
}
