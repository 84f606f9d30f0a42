import { DELTA_SYNC_BASIC, HEADERS, type PersonalField, type ProfessionalField } from '../wire.js';
import { sec } from './book.js';
import { disallowed, parsePath, type Target } from './path.js';
import { empty, headerSecond, xml, type EmulatorRequest, type Reply } from './reply.js';
import type { EmulatorState } from './state.js';
import { childrenOf } from './stored.js';
import { write } from './writes.js';
import {
  document,
  leaf,
  writeChild,
  writeCollection,
  writeContact,
  writeNotes,
  writeOwner,
  writePersonal,
  writeProfessional,
  writeProfiles,
  writeRoot,
  writeTags,
  writeTombstone,
} from './xml-write.js';

/**
 * The service's request pipeline (docs/windows-live.md §1): path (404 outside the API), authentication
 * (401), the calls-per-second limiter (504 + Retry-After), resource (404), method (405 + Allow),
 * the read-only grant on writes (403), then the resource's own handling.
 */
export function route(state: EmulatorState, request: EmulatorRequest): Reply {
  const parsed = parsePath(request.pathname);
  if (parsed === null) return empty(404);
  const auth = state.tokens.check(request.headers['authorization'], parsed.lid, state.familySafety);
  if (!auth.ok) return empty(401, { 'WWW-Authenticate': 'DelegatedToken' });
  if (state.faults.overLimit(auth.token, sec(state.now()), state.quotas.callsPerSecond)) {
    // Throttled until the current second ends (§1.6).
    return empty(504, { [HEADERS.retryAfter]: '1' });
  }
  if (parsed.target === null) return empty(404);
  const allow = disallowed(request.method, parsed.target.kind);
  if (allow !== null) return empty(405, { [HEADERS.allow]: allow });
  if (request.method !== 'GET') {
    if (auth.grant.readOnly) return empty(403);
    return write(state, request, parsed.target, parsed.base);
  }
  return read(state, request, parsed.target);
}

function read(state: EmulatorState, request: EmulatorRequest, target: Target): Reply {
  if (target.kind === 'root') return readRoot(state, request);
  if (target.kind === 'owner') return xml(200, document(writeOwner(state.cid)), state.book.rootLastModifiedSec());
  if (target.kind === 'contacts') {
    const contacts = state.book.all().map(writeContact).join('');
    return xml(200, document(`<Contacts>${contacts}</Contacts>`), state.book.rootLastModifiedSec());
  }
  const contact = state.book.get(target.id);
  if (contact === undefined) return empty(404);
  const lastModified = sec(contact.changedAt);
  switch (target.kind) {
    case 'contact':
      return xml(200, document(writeContact(contact)), lastModified);
    case 'collection':
      return xml(200, document(writeCollection(target.collection, childrenOf(contact, target.collection))), lastModified);
    case 'child': {
      const child = childrenOf(contact, target.collection).find((c) => c.ID.toLowerCase() === target.childId.toLowerCase());
      return child === undefined ? empty(404) : xml(200, document(writeChild(target.collection, child)), lastModified);
    }
    case 'element': {
      const [first, second, third] = target.path;
      let body: string;
      if (first === 'Notes') body = writeNotes(contact.notes);
      else if (first === 'Tags') body = writeTags(contact.tags);
      else if (second === undefined) body = writeProfiles(contact);
      else if (third === undefined) body = second === 'Personal' ? writePersonal(contact) : writeProfessional(contact);
      else {
        const value = second === 'Personal' ? contact.personal[third as PersonalField] : contact.professional[third as ProfessionalField];
        body = leaf(third, value);
      }
      return xml(200, document(body), lastModified);
    }
  }
}

/**
 * The root (§1.4): no `If-Modified-Since` is the whole book; with it, 304 when no ended second
 * after it holds a change, else the whole book (200) or, with `DeltaSync: Basic`, a delta page (206).
 */
function readRoot(state: EmulatorState, request: EmulatorRequest): Reply {
  const { book, quotas } = state;
  const mode = request.headers[HEADERS.deltaSync.toLowerCase()];
  // `Basic` is the only mode the contract defines; another is a malformed request, not a silent full GET.
  if (mode !== undefined && mode.trim().toLowerCase() !== DELTA_SYNC_BASIC.toLowerCase()) return empty(400);
  const since = headerSecond(request.headers[HEADERS.ifModifiedSince.toLowerCase()]);
  const wholeBook = (): Reply =>
    xml(200, writeRoot({ owner: writeOwner(state.cid), contacts: book.all().map(writeContact) }), book.rootLastModifiedSec());
  if (since === null) return wholeBook();
  const answer = book.changesSince(since, mode === undefined ? Number.POSITIVE_INFINITY : quotas.maxDeltaContacts, quotas.tombstoneDays);
  if (answer.kind === 'none') return empty(304, { [HEADERS.lastModified]: new Date(book.rootLastModifiedSec() * 1000).toUTCString() });
  if (answer.kind === 'whole-book' || mode === undefined) return wholeBook();
  const contacts = [...answer.contacts.map(writeContact), ...answer.tombstones.map(writeTombstone)];
  return xml(206, writeRoot({ contacts }), answer.lastSec);
}
