import type { ContactDraft } from '../model/contact.js';
import type { ContactService } from './contact-service.js';

/**
 * What an adapter (with its emulator) supplies to run the service-port contract suite: the service
 * under test and a way to act on the server as another device would.
 */
export interface ContractHarness {
  readonly service: ContactService;
  readonly remote: RemoteBook;
  /**
   * Lets time pass on the server's clock. Services whose cursors have whole-second resolution
   * (Windows Live, docs/windows-live.md §1.4) report a change only after its second has ended.
   */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Direct access to the server's book, bypassing the adapter under test. */
export interface RemoteBook {
  /** Creates a contact; returns its server id. */
  create(contact: ContactDraft): Promise<string>;
  /** Replaces the given parts of a contact, as another device editing it would. */
  update(remoteId: string, change: Partial<ContactDraft>): Promise<void>;
  remove(remoteId: string): Promise<void>;
  list(): Promise<readonly { readonly remoteId: string; readonly contact: ContactDraft }[]>;
}

export interface ContractOptions {
  readonly name: string;
  readonly setup: () => Promise<ContractHarness>;
  /**
   * Draft fields the service cannot store (dotted paths such as `name.prefix`). The round-trip
   * case leaves them out and says why.
   */
  readonly unsupported?: { readonly fields: readonly string[]; readonly reason: string };
  /**
   * Limits (dotted paths) the field model sets more strictly than the server enforces: the model
   * still refuses past them, but the server is not expected to.
   */
  readonly modelOnlyLimits?: { readonly paths: readonly string[]; readonly reason: string };
}
