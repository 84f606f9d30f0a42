import type { ContactDraft, OperationOutcome, PushOperation } from '@contactsync/core';
import { refsFromMeta, refsToMeta, type ChildRefs } from './child-refs.js';
import { encodeChild, encodeContact } from './codec.js';
import { conflictWithCurrent, fetchCurrent } from './current.js';
import { storedForm } from './mapping.js';
import { malformed, requestFailure, WL_STATUS } from './outcomes.js';
import { badRequest, brokenRule, conflict409 } from './rejections.js';
import { contactPath, idFromLocation, type Send, type WlRequest, type WlResponse } from './transport.js';
import { planUpdate, type UpdatePlan } from './update-plan.js';
import { CHILD_COLLECTIONS, HEADERS, type ChildCollection } from './wire.js';
import { canonicalContent, lastModifiedOf, versionOf } from './version.js';

type UpdateOp = Extract<PushOperation, { kind: 'update' }>;

/**
 * An update as Windows Live requests (§1.2, §1.5): first a partial PUT of the contact with
 * `If-Unmodified-Since` = the base version. It carries the changed fields and changed children,
 * and is sent even when empty, because it is the one request that checks the base atomically
 * before anything is written. Then child DELETEs and POSTs, each conditional on the
 * `Last-Modified` of our previous write.
 */
export async function pushUpdate(send: Send, op: UpdateOp, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const id = op.base.remoteId;
  const prepared = await preparePlan(send, op, signal);
  if (prepared.kind !== 'plan') return prepared;
  const plan = prepared;
  const contact = storedForm(op.contact);
  const ok = (version: string, refs: ChildRefs): OperationOutcome => ({
    kind: 'ok',
    record: { remoteId: id, version: versionOf(version, contact), contact, meta: refsToMeta(refs) },
  });
  if (plan.empty) return ok(lastModifiedOf(op.base.version), plan.refs);

  const putLine: WlRequest = {
    method: 'PUT',
    path: contactPath(id),
    body: encodeContact(plan.put),
    headers: { [HEADERS.ifUnmodifiedSince]: lastModifiedOf(op.base.version) },
    signal,
  };
  if (plan.duplicateEmailType !== null) {
    // The service would answer 409 only at the email's POST, after the PUT had been applied; the
    // rule is fixed by the contract (§1.3), so refuse before sending anything.
    return {
      ...conflict409(putLine, plan.duplicateEmailType),
      debugMessage: `refused before sending: two ${plan.duplicateEmailType} emails`,
    };
  }
  const put = await send(putLine);
  if (put.kind !== 'response') return put;
  switch (WL_STATUS.decide(put.status, 'update')) {
    case 'written':
      break;
    case 'gone':
      return { kind: 'gone' };
    case 'conflict':
      return conflictWithCurrent(send, id, signal);
    case 'refused':
      return putRefused(send, id, plan, putLine, signal);
    case 'unique-or-quota':
      return conflict409(putLine, null);
    default:
      return requestFailure(put, putLine);
  }
  let version = writeVersion(put);
  if (version === null) return malformed(putLine, '204 without a valid Last-Modified', true);

  for (const removal of plan.removals) {
    const line: WlRequest = {
      method: 'DELETE',
      path: `${contactPath(id)}/${childPath(removal.collection, removal.id)}`,
      headers: { [HEADERS.ifUnmodifiedSince]: version },
      signal,
    };
    const response = await send(line);
    if (response.kind !== 'response') return response;
    const decision = WL_STATUS.decide(response.status, 'child-delete');
    if (decision === 'already-gone') continue; // the goal is met
    if (decision === 'conflict') return conflictWithCurrent(send, id, signal);
    if (decision !== 'written') return requestFailure(response, line);
    version = writeVersion(response);
    if (version === null) return malformed(line, '204 without a valid Last-Modified', true);
  }

  const refs = { emails: [...plan.refs.emails], phones: [...plan.refs.phones], locations: [...plan.refs.locations] };
  let company = plan.refs.company;
  for (const addition of plan.additions) {
    const { collection, child } = addition;
    const line: WlRequest = {
      method: 'POST',
      path: `${contactPath(id)}/${collection}`,
      body: encodeChild(collection, child),
      headers: { [HEADERS.ifUnmodifiedSince]: version },
      signal,
    };
    const response = await send(line);
    if (response.kind !== 'response') return response;
    switch (WL_STATUS.decide(response.status, 'child-create')) {
      case 'created':
        break;
      case 'refused':
        return badRequest(line, { [collection]: [child] });
      case 'unique-or-quota':
        return conflict409(line, 'EmailType' in child ? (child.EmailType ?? null) : null);
      case 'gone':
        return { kind: 'gone' };
      case 'conflict':
        return conflictWithCurrent(send, id, signal);
      default:
        return requestFailure(response, line);
    }
    const childId = idFromLocation(response.headers, CHILD_COLLECTIONS[collection].element);
    version = writeVersion(response);
    if (childId === null || version === null) return malformed(line, '201 without a child Location or Last-Modified', true);
    if (addition.position === 'company') company = { id: childId, address: null };
    else if (collection === 'Emails')
      refs.emails[addition.position] = { id: childId, type: 'EmailType' in child ? (child.EmailType ?? 'Other') : 'Other' };
    else if (collection === 'Phones') refs.phones[addition.position] = childId;
    else refs.locations[addition.position] = childId;
  }
  return ok(version, company === undefined ? refs : { ...refs, company });
}

function childPath(collection: ChildCollection, id: string): string {
  return `${collection}/${CHILD_COLLECTIONS[collection].element}(${encodeURIComponent(id)})`;
}

function writeVersion(response: WlResponse): string | null {
  const value = response.headers.get(HEADERS.lastModified);
  return value === null || Number.isNaN(Date.parse(value)) ? null : value;
}

/**
 * The plan, reading the contact first when the record's meta lacks child ids the plan needs (after
 * our own create). If the server's copy moved past the base, or differs from it, that is a conflict:
 * planning against it would overwrite the other side's change with our stale base values.
 */
async function preparePlan(send: Send, op: UpdateOp, signal: AbortSignal | undefined): Promise<UpdatePlan | OperationOutcome> {
  const first = planUpdate(op.base.contact, refsFromMeta(op.base.meta, op.base.contact), op.contact);
  if (first.kind === 'plan') return first;
  const current = await fetchCurrent(send, op.base.remoteId, signal);
  if (current.kind === 'missing') return { kind: 'gone' };
  if (current.kind !== 'found') return current;
  const record = current.record;
  if (
    Date.parse(lastModifiedOf(record.version)) > Date.parse(lastModifiedOf(op.base.version)) ||
    !sameContent(record.contact, storedForm(op.base.contact))
  ) {
    return { kind: 'conflict', current: record };
  }
  const second = planUpdate(record.contact, refsFromMeta(record.meta, record.contact), op.contact);
  if (second.kind === 'plan') return second;
  return malformed({ method: 'GET', path: contactPath(op.base.remoteId) }, 'children without <ID>', false);
}

/** Equal as the service stores them; the service may list children and tags in its own order. */
function sameContent(a: ContactDraft, b: ContactDraft): boolean {
  return canonicalContent(a) === canonicalContent(b);
}

/**
 * A 400 to the PUT. When no contract rule explains it but the PUT addressed children by ID, the
 * likeliest cause is an ID the server no longer has (§1.2: an unknown child ID fails the PUT):
 * that is a conflict with the current contact, not a refusal of the user's content.
 */
async function putRefused(
  send: Send,
  id: string,
  plan: UpdatePlan,
  line: WlRequest,
  signal: AbortSignal | undefined,
): Promise<OperationOutcome> {
  const used = [...(plan.put.Emails ?? []), ...(plan.put.Phones ?? []), ...(plan.put.Locations ?? [])].flatMap((c) =>
    c.ID === undefined ? [] : [c.ID],
  );
  if (brokenRule(plan.put) === null && used.length > 0) {
    const current = await fetchCurrent(send, id, signal);
    if (current.kind === 'missing') return { kind: 'gone' };
    if (current.kind === 'found') {
      const refs = refsFromMeta(current.record.meta, current.record.contact);
      const known = new Set([...refs.emails.map((e) => e?.id), ...refs.phones, ...refs.locations, refs.company?.id]);
      if (used.some((u) => !known.has(u))) return { kind: 'conflict', current: current.record };
    }
  }
  return badRequest(line, plan.put);
}
