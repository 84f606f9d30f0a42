import type { ContactDraft } from '@contactsync/core';
import type { CategoryChange, FieldChange, WireCategory } from '../wire.js';
import { CODE, type Failure } from './codes.js';
import { applyChanges, changedFrom, checkContact, commitContact, workingCopy } from './contact-edit.js';
import { changesFor, draftToFields, fieldsToDraft } from './draft-fields.js';
import { ControlInputError } from '../../kit/emulator/common-control.js';
import type { EventFault, RequestFault, RequestMatch } from './faults.js';
import type { EmulatorState, RequestLogEntry } from './state.js';
import { validateCategoryName } from './validate.js';

/** A control-plane call that the book refused (for example an invalid edit "from another device"). */
export class ControlError extends ControlInputError {
  constructor(
    override readonly code: number,
    message: string,
  ) {
    super(message, code);
    this.name = 'ControlError';
  }
}

const refuse = (problem: Failure): never => {
  throw new ControlError(problem.code, problem.debugMessage);
};

/**
 * The emulator's control plane as a TypeScript API (the `/_control/` endpoints call the same
 * methods). Edits made here behave like another device's requests: they raise revisions and show up
 * as events; `seed` alone bypasses validation and limits, to load large books quickly.
 */
export function createControl(state: EmulatorState) {
  const { book, faults, switches } = state;
  const nameOf = (catid: number) => book.categories.get(catid)?.name;
  const contactOf = (cid: string | number) => {
    const contact = book.contacts.get(Number(cid));
    if (contact === undefined) throw new ControlError(CODE.UNKNOWN_CONTACT, `no contact ${String(cid)}`);
    return contact;
  };
  const categoryNamed = (name: string) => {
    const category = book.categoryByName(name);
    if (category === undefined) throw new ControlError(CODE.UNKNOWN_CATEGORY, `no category ${name}`);
    return category;
  };
  const edit = (cid: number | null, fields: readonly FieldChange[], categories: readonly CategoryChange[]): number => {
    const original = cid === null ? null : contactOf(cid);
    const work = workingCopy(original);
    const problem = applyChanges(book, state.limits, work, fields, categories) ?? checkContact(book, state.limits, work, cid);
    if (problem !== null) refuse(problem);
    const target = cid ?? book.allocateId();
    if (original === null || changedFrom(original, work)) commitContact(book, original, work, target);
    return target;
  };

  return {
    /** Empties the book and clears every fault, switch and the log. Old `myrev`s get a reset. */
    reset(): void {
      book.clear();
      faults.clear();
      Object.assign(switches, {
        locked: null,
        serverDown: null,
        timeout: null,
        readOnlyApp: false,
        writesDisabled: false,
        cookieExpired: false,
        credentialErrors: 'empty',
        latencyMs: 0,
        omitIdleCategoryTable: false,
      });
      state.log.length = 0;
    },
    /** Loads contacts in one commit, without validation or limits. Returns their cids. */
    seed(contacts: readonly ContactDraft[]): string[] {
      const rev = book.commit();
      return contacts.map((draft) => {
        const catids = draft.categories.map((name) => {
          const existing = book.categoryByName(name);
          if (existing !== undefined) return existing.catid;
          const catid = book.allocateId();
          book.categories.set(catid, { catid, name, rev });
          return catid;
        });
        const cid = book.allocateId();
        const fields = draftToFields(draft).map((field) => ({ ...field, fid: book.allocateId(), rev }));
        book.putContact({ cid, fields, catids: [...new Set(catids)], rev, createdRev: rev, lmt: book.seconds() });
        return String(cid);
      });
    },
    createContact(contact: ContactDraft): string {
      const fields = draftToFields(contact).map((field): FieldChange => ({ op: 'add', field }));
      return String(
        edit(
          null,
          fields,
          contact.categories.map((name): CategoryChange => ({ op: 'add', ref: { name } })),
        ),
      );
    },
    /** Replaces the given parts of a contact, as another device editing it would. */
    updateContact(cid: string | number, change: Partial<ContactDraft>): void {
      const changes = changesFor(contactOf(cid), change, nameOf);
      edit(Number(cid), changes.fields, changes.categories);
    },
    removeContact(cid: string | number): void {
      contactOf(cid);
      book.removeContact(Number(cid), book.commit());
    },
    addCategory(name: string): number {
      const invalid = validateCategoryName(name, state.limits);
      if (invalid !== null) refuse(invalid);
      if (book.categoryByName(name) !== undefined) throw new ControlError(CODE.DUPLICATE_CATEGORY_NAME, `category ${name} exists`);
      const catid = book.allocateId();
      book.categories.set(catid, { catid, name, rev: book.commit() });
      return catid;
    },
    renameCategory(from: string, to: string): void {
      const category = categoryNamed(from);
      const invalid = validateCategoryName(to, state.limits);
      if (invalid !== null) refuse(invalid);
      book.categories.set(category.catid, { catid: category.catid, name: to, rev: book.commit() });
    },
    removeCategory(name: string): void {
      const category = categoryNamed(name);
      book.commit();
      book.removeCategory(category.catid);
    },
    listContacts(): { remoteId: string; contact: ContactDraft }[] {
      return [...book.contacts.values()]
        .sort((a, b) => a.cid - b.cid)
        .map((c) => ({ remoteId: String(c.cid), contact: fieldsToDraft(c, nameOf) }));
    },
    getContact(cid: string | number): ContactDraft | undefined {
      const contact = book.contacts.get(Number(cid));
      return contact === undefined ? undefined : fieldsToDraft(contact, nameOf);
    },
    categories(): WireCategory[] {
      return book.table();
    },
    rev(): number {
      return book.rev;
    },
    /** Every `myrev` older than the current rev gets an `address-book-reset` from now on. */
    forgetHistory(): void {
      book.forgetHistory();
    },
    setStrictDuplicates(on: boolean): void {
      state.strictDuplicates = on;
    },

    /** The next `count` matching requests fail as a whole (status, and a body when `code` is set). */
    failNext(fault: RequestFault): void {
      faults.failRequests(fault);
    },
    /** The next `count` matching events of POSTed requests fail with a nested error. */
    failNextEvents(fault: EventFault): void {
      faults.failEvents(fault);
    },
    /** The next `count` matching requests are committed, then the connection drops unanswered. */
    loseNextResponse(options: { readonly count?: number; readonly match?: RequestMatch } = {}): void {
      faults.dropResponses(options.count ?? 1, options.match);
    },
    /** Runs `action` just before the next matching request is processed (to stage a race). */
    beforeNext(match: RequestMatch | undefined, action: () => void | Promise<void>): void {
      faults.beforeNext(match, action);
    },
    setLatency(ms: number): void {
      switches.latencyMs = Math.max(0, ms);
    },
    /** Every pending fault, hook and switch off: the server serves normally again; the book stays. */
    clearFaults(): void {
      faults.clear();
      switches.latencyMs = 0;
      switches.locked = null;
      switches.serverDown = null;
      switches.timeout = null;
    },
    /** Locked: -50302 for every request, with `retry-after` (default 600 s, as in the seed's example). */
    setLocked(locked: boolean, retryAfterSeconds = 600): void {
      switches.locked = locked ? retryAfterSeconds : null;
    },
    serverDown(options: { readonly retryAfter?: number } = {}): void {
      switches.serverDown = { ...options };
    },
    serverUp(): void {
      switches.serverDown = null;
    },
    /** -17010 for every request; with `commit` (default true) POSTed writes are applied first. */
    backendTimeout(options: { readonly retryAfter?: number; readonly commit?: boolean } | null): void {
      switches.timeout =
        options === null
          ? null
          : { commit: options.commit ?? true, ...(options.retryAfter === undefined ? {} : { retryAfter: options.retryAfter }) };
    },
    setReadOnlyApp(on: boolean): void {
      switches.readOnlyApp = on;
    },
    setWritesDisabled(on: boolean): void {
      switches.writesDisabled = on;
    },
    expireCookie(on = true): void {
      switches.cookieExpired = on;
    },
    setCredentialErrors(mode: 'empty' | 'structured'): void {
      switches.credentialErrors = mode;
    },
    /** Leave the category table out of responses that carry no change events (the guide allows it; docs/yahoo.md). */
    omitIdleCategoryTable(on = true): void {
      switches.omitIdleCategoryTable = on;
    },

    log(): readonly RequestLogEntry[] {
      return [...state.log];
    },
    clearLog(): void {
      state.log.length = 0;
    },

    now(): number {
      return state.now();
    },
    setTime(ms: number): void {
      state.clockOffset += ms - state.now();
    },
    advance(ms: number): void {
      state.clockOffset += ms;
    },
  };
}

export type YahooEmulatorControl = ReturnType<typeof createControl>;
