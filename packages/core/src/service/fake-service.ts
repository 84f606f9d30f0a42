import type { ContactDraft } from '../model/contact.js';
import { pickDraft } from '../model/draft.js';
import { storedPart } from '../model/device-only.js';
import { validateDraft } from '../model/validate.js';
import { OPEN_FIELD_MODEL, type FieldModel } from './field-model.js';
import type { OperationOutcome, RequestFailure } from '../policy/outcome.js';
import type {
  ContactService,
  PullOutcome,
  PullRequest,
  PushOperation,
  PushOutcome,
  PushRequest,
  RemoteChange,
  RemoteContact,
  ServiceTraits,
} from './contact-service.js';

export interface FakeServiceOptions {
  readonly traits?: Partial<ServiceTraits>;
  /** Records per pull page; more changes than this come in several pages. */
  readonly pageSize?: number;
  /** Content the server refuses, with the user message it gives. */
  readonly reject?: (contact: ContactDraft) => string | null;
  /**
   * What the server stores (default: everything, free lists). Like a real server it refuses a write
   * that breaks the model and drops the values of fields it does not store.
   */
  readonly fieldModel?: FieldModel;
}

/** A fault the next matching requests answer with instead of being served. */
export interface FakeFault {
  readonly on: 'pull' | 'push' | 'any';
  readonly times: number;
  /** `lost`: the push is applied, then the response never arrives (maybeCommitted). */
  readonly answer: RequestFailure | 'lost';
}

export interface FakeRequestLogEntry {
  readonly call: 'pull' | 'push';
  readonly operations: number;
  readonly answer: string;
}

interface StoredContact {
  readonly contact: ContactDraft;
  readonly rev: number;
  readonly deleted: boolean;
}

/**
 * An in-memory contacts service with one global revision, per-contact revisions, tombstones and
 * fault injection. It is the engine's test double and the reference for the port's contract.
 * Cursor = the global revision; version = the contact's revision.
 */
export class FakeContactService implements ContactService {
  readonly traits: ServiceTraits;
  readonly fieldModel: FieldModel;
  readonly log: FakeRequestLogEntry[] = [];
  private readonly book = new Map<string, StoredContact>();
  private readonly faults: { fault: FakeFault; left: number }[] = [];
  private rev = 0;
  private nextId = 1;

  constructor(private readonly options: FakeServiceOptions = {}) {
    this.traits = { name: 'Fake', retryMode: 'backoff', maxBatchSize: 50, categoryOperations: false, ...options.traits };
    this.fieldModel = options.fieldModel ?? OPEN_FIELD_MODEL;
  }

  /** Serves every request normally from now on. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** The next `times` matching requests answer `answer`. */
  inject(fault: FakeFault): void {
    this.faults.push({ fault, left: fault.times });
  }

  // --- the server side, as another device sees it ---

  remoteCreate(contact: ContactDraft): string {
    const remoteId = `c${this.nextId++}`;
    this.book.set(remoteId, { contact: storedPart(pickDraft(contact), this.fieldModel), rev: ++this.rev, deleted: false });
    return remoteId;
  }

  remoteUpdate(remoteId: string, change: Partial<ContactDraft>): void {
    const stored = this.live(remoteId);
    if (stored === undefined) throw new Error(`no contact ${remoteId}`);
    this.book.set(remoteId, {
      contact: storedPart(pickDraft({ ...stored.contact, ...change }), this.fieldModel),
      rev: ++this.rev,
      deleted: false,
    });
  }

  remoteRemove(remoteId: string): void {
    const stored = this.live(remoteId);
    if (stored !== undefined) this.book.set(remoteId, { ...stored, rev: ++this.rev, deleted: true });
  }

  list(): { remoteId: string; contact: ContactDraft }[] {
    return [...this.book].filter(([, s]) => !s.deleted).map(([remoteId, s]) => ({ remoteId, contact: s.contact }));
  }

  // --- the port ---

  async pull(request: PullRequest): Promise<PullOutcome> {
    const fault = this.takeFault('pull');
    if (fault !== null && fault !== 'lost') return this.logged('pull', 0, fault);
    // A snapshot's continuation cursor is `snapshot:<rev>`: the pages after it are still snapshot.
    const snapshot = request.cursor === null || request.cursor.startsWith('snapshot:');
    const since = request.cursor === null ? 0 : Number(request.cursor.replace('snapshot:', ''));
    const changed = [...this.book].filter(([, s]) => s.rev > since && !(snapshot && s.deleted)).sort(([, a], [, b]) => a.rev - b.rev);
    if (changed.length === 0) return this.logged('pull', 0, { kind: 'not-modified', cursor: String(this.rev) });
    const pageSize = this.options.pageSize ?? Number.POSITIVE_INFINITY;
    const page = changed.slice(0, pageSize);
    const more = page.length < changed.length;
    const last = String(more ? (page[page.length - 1]?.[1].rev ?? this.rev) : this.rev);
    const cursor = snapshot && more ? `snapshot:${last}` : last;
    const changes: RemoteChange[] = page.map(([remoteId, s]) =>
      s.deleted ? { kind: 'delete', remoteId } : { kind: 'upsert', record: this.record(remoteId, s) },
    );
    return this.logged('pull', 0, { kind: 'page', mode: snapshot ? 'snapshot' : 'delta', changes, cursor, more });
  }

  async push(request: PushRequest): Promise<PushOutcome> {
    const fault = this.takeFault('push');
    if (fault !== null && fault !== 'lost') return this.logged('push', request.operations.length, fault);
    const results = request.operations.map((op) => this.apply(op));
    if (fault === 'lost') {
      return this.logged('push', request.operations.length, {
        kind: 'failed',
        code: 'lost-response',
        userMessage: 'The connection was lost.',
        maybeCommitted: true,
      });
    }
    return this.logged('push', request.operations.length, { kind: 'results', results });
  }

  private apply(op: PushOperation): OperationOutcome {
    switch (op.kind) {
      case 'create': {
        const refusal = this.refusal(op.contact);
        if (refusal) return { kind: 'rejected', code: 'invalid', userMessage: refusal, debugMessage: `refused ${op.opId}` };
        const remoteId = this.remoteCreate(op.contact);
        return { kind: 'ok', record: this.record(remoteId, this.live(remoteId) as StoredContact) };
      }
      case 'update': {
        const stored = this.live(op.base.remoteId);
        if (stored === undefined) return { kind: 'gone' };
        if (String(stored.rev) !== op.base.version) return { kind: 'conflict', current: this.record(op.base.remoteId, stored) };
        const refusal = this.refusal(op.contact);
        if (refusal) return { kind: 'rejected', code: 'invalid', userMessage: refusal };
        this.remoteUpdate(op.base.remoteId, op.contact);
        return { kind: 'ok', record: this.record(op.base.remoteId, this.live(op.base.remoteId) as StoredContact) };
      }
      case 'delete': {
        const stored = this.live(op.base.remoteId);
        if (stored === undefined) return { kind: 'ok' };
        if (String(stored.rev) !== op.base.version) return { kind: 'conflict', current: this.record(op.base.remoteId, stored) };
        this.remoteRemove(op.base.remoteId);
        return { kind: 'ok' };
      }
      case 'rename-category':
      case 'remove-category':
        return { kind: 'rejected', code: 'unsupported', userMessage: 'Categories cannot be renamed here.' };
    }
  }

  /** The server's own check: its model's limits first, then the test's rule. */
  private refusal(contact: ContactDraft): string | null {
    const broken = validateDraft(storedPart(contact, this.fieldModel), this.fieldModel)[0];
    return broken === undefined ? (this.options.reject?.(contact) ?? null) : broken.message;
  }

  private live(remoteId: string): StoredContact | undefined {
    const stored = this.book.get(remoteId);
    return stored === undefined || stored.deleted ? undefined : stored;
  }

  private record(remoteId: string, stored: StoredContact): RemoteContact {
    return { remoteId, version: String(stored.rev), contact: pickDraft(stored.contact) };
  }

  private takeFault(call: 'pull' | 'push'): RequestFailure | 'lost' | null {
    const slot = this.faults.find((f) => f.left > 0 && (f.fault.on === call || f.fault.on === 'any'));
    if (slot === undefined) return null;
    slot.left--;
    return slot.fault.answer;
  }

  private logged<T extends PullOutcome | PushOutcome>(call: 'pull' | 'push', operations: number, answer: T): T {
    this.log.push({ call, operations, answer: answer.kind });
    return answer;
  }
}
