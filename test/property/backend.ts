import type { ContactDraft, ContactService } from '@contactsync/core';

/** A fault the server side can be told to produce for the next matching request. */
export type ServerFault =
  | 'unavailable-retry-after'
  | 'unavailable'
  | 'throttled'
  | 'server-error'
  | 'auth-expired'
  | 'lost-response'
  | 'reject-next-write'
  | 'slow';

/**
 * One adapter + emulator under test, as the convergence model drives it: services for several
 * devices, direct edits as yet another device, fault injection, and the server's clock.
 */
export interface Backend {
  readonly name: string;
  /** Whether the service forbids automatic retries without a retry-after (Yahoo). */
  readonly retryAfterOnly: boolean;
  /** The wire format of responses, for tests that forge malformed ones. */
  readonly format: 'xml' | 'json';
  /** Credentials the adapter holds (tokens, cookies): they must never reach IndexedDB. */
  readonly secrets: readonly string[];
  /** The adapter for one device, over the given fetch (the model wraps it to observe and cut). */
  service(fetch: typeof globalThis.fetch): ContactService;
  readonly remote: {
    create(contact: ContactDraft): string;
    update(remoteId: string, change: Partial<ContactDraft>): void;
    remove(remoteId: string): void;
    list(): readonly { readonly remoteId: string; readonly contact: ContactDraft }[];
  };
  inject(fault: ServerFault): void;
  clearFaults(): void;
  /** Requests the server saw, by its own log. */
  requestCount(): number;
  now(): number;
  advance(ms: number): void;
  close(): Promise<void>;
}
