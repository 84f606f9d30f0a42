import type { OperationOutcome, RemoteContact, RequestFailure } from '@contactsync/core';
import { decodeContact } from './codec.js';
import { malformed, requestFailure, WL_STATUS } from './outcomes.js';
import { recordFromWire } from './record.js';
import { contactPath, type Send, type WlRequest } from './transport.js';
import { HEADERS } from './wire.js';

export type Current = { readonly kind: 'found'; readonly record: RemoteContact } | { readonly kind: 'missing' } | RequestFailure;

/** GET one contact: the server's state now, versioned by the response's `Last-Modified` (§1.5). */
export async function fetchCurrent(send: Send, id: string, signal: AbortSignal | undefined): Promise<Current> {
  const line: WlRequest = { method: 'GET', path: contactPath(id), signal };
  const response = await send(line);
  if (response.kind !== 'response') return response;
  const decision = WL_STATUS.decide(response.status, 'read');
  if (decision === 'missing') return { kind: 'missing' };
  if (decision !== 'found') return requestFailure(response, line);
  const version = response.headers.get(HEADERS.lastModified);
  if (version === null || Number.isNaN(Date.parse(version))) return malformed(line, '200 without a valid Last-Modified', false);
  const decoded = decodeContact(response.body);
  if (!decoded.ok) return malformed(line, decoded.problem, false);
  // The path names the contact; an ID element that disagrees is the server's inconsistency, and
  // the record stays addressed by the id we asked for.
  return { kind: 'found', record: recordFromWire(id, decoded.value, version) };
}

/** A 412's outcome: the contact as it is now, for the engine to merge with and resubmit. */
export async function conflictWithCurrent(send: Send, id: string, signal: AbortSignal | undefined): Promise<OperationOutcome> {
  const current = await fetchCurrent(send, id, signal);
  if (current.kind === 'found') return { kind: 'conflict', current: current.record };
  if (current.kind === 'missing') return { kind: 'conflict', current: null };
  return current;
}
