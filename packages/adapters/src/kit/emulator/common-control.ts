import type { ContactDraft } from '@contactsync/core';

/**
 * The control names every emulator answers to, as a TypeScript API (and over HTTP under
 * `/_control/`, control-routes.ts), so tests and the demo console drive any emulator the same way.
 * What a service adds (tokens and quotas, categories, credential modes...) sits beside these.
 */
export interface CommonControl<FailRule, Match> {
  /** Adds contacts as if created now, bypassing limits; returns their ids. */
  seed(contacts: readonly ContactDraft[]): readonly string[];
  /** Empties the book and clears every fault, switch and the log. */
  reset(): void;
  /** The next matching request(s) fail as `rule` says, before anything is processed. */
  failNext(rule: FailRule): void;
  /** The next matching request(s) are processed and committed, then the connection drops: a lost response. */
  loseNextResponse(options?: { readonly count?: number; readonly match?: Match }): void;
  /** Real milliseconds to wait before answering each request. */
  setLatency(ms: number): void;
  /** Locks the account (every request fails the way the service says a locked user does), or unlocks it. */
  setLocked(locked: boolean): void;
  /** Forgets every pending fault and the latency; the book stays. */
  clearFaults(): void;
  log(): readonly CommonLogEntry[];
  clearLog(): void;
  /** The emulator clock (epoch ms), and ways to move it. */
  now(): number;
  setTime(epochMs: number): void;
  advance(ms: number): void;
}

/** A contact as the control plane lists it: the server's id and what a reader of the book would see. */
export interface RemoteEntry {
  readonly remoteId: string;
  readonly contact: ContactDraft;
}

/**
 * The control names of emulators whose book the control plane edits as drafts (Windows Live,
 * Microsoft Graph): changes made here are changes "from another device".
 */
export interface BookControl<Wire> {
  /** Empties the book and seeds it; returns the new contacts' ids. */
  reset(contacts?: readonly ContactDraft[]): readonly string[];
  list(): readonly RemoteEntry[];
  get(remoteId: string): RemoteEntry | null;
  /** The stored contact as the service's wire shows it. */
  wire(remoteId: string): Wire | null;
  /** Another device creates a contact. */
  create(contact: ContactDraft): string;
  /** Another device replaces the given parts of a contact; false when it does not exist. */
  update(remoteId: string, change: Partial<ContactDraft>): boolean;
  /** Another device deletes a contact; false when it does not exist. */
  remove(remoteId: string): boolean;
}

/** The common control names that act on the request log. */
export function logControl<Entry extends CommonLogEntry>(entries: Entry[]): { log(): readonly Entry[]; clearLog(): void } {
  return {
    log: () => [...entries],
    clearLog() {
      entries.length = 0;
    },
  };
}

/** What every request log entry says; services add their own details. */
export interface CommonLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Committed, then the connection was dropped instead of answering. */
  readonly dropped: boolean;
}

/** Control input that cannot be carried out: answered 400 over HTTP. */
export class ControlInputError extends Error {
  constructor(
    message: string,
    /** A service code worth reporting (for example the error code the book refused an edit with). */
    readonly code?: number,
  ) {
    super(message);
    this.name = 'ControlInputError';
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function jsonObject(value: unknown, what: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ControlInputError(`${what} must be a JSON object`);
  return value as JsonObject;
}

export function optional<T extends string | number | boolean>(
  o: JsonObject,
  key: string,
  type: 'string' | 'number' | 'boolean',
): T | undefined {
  const v = Object.hasOwn(o, key) ? o[key] : undefined;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) throw new ControlInputError(`${key} must be a ${type}`);
  return v as T;
}

export function required<T extends string | number | boolean>(o: JsonObject, key: string, type: 'string' | 'number' | 'boolean'): T {
  const v = optional<T>(o, key, type);
  if (v === undefined) throw new ControlInputError(`${key} is required`);
  return v;
}
