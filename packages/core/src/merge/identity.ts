import type { ContactDraft } from '../model/contact.js';
import { emailKey, phoneKey } from './list-keys.js';
import { sameJson } from './same-json.js';

/**
 * How a created contact is recognised when it comes back from the server without our knowing its
 * id (a create whose response was lost, or a contact two devices re-created from the same deleted
 * record): by the person's name and nickname, or when both are empty, the company or first email.
 * Other fields may differ by then (another device may have edited the copy, a service may not store
 * every field), so the copy is merged with, not overwritten. Two different people must not be
 * merged into one: that loses a contact, where failing to recognise one only leaves a duplicate.
 */
export function nameIdentityOf(contact: ContactDraft): string {
  const name = [contact.name.given, contact.name.middle, contact.name.family, contact.nickname]
    .map((p) => p.trim().toLowerCase())
    .join('|');
  if (name !== '|||') return `name:${name}`;
  return `other:${contact.company.trim().toLowerCase()}|${contact.emails[0]?.address.trim().toLowerCase() ?? ''}`;
}

/** Everything that tells two people apart, normalised: a closer match than the name alone. */
function strictIdentityOf(contact: ContactDraft): string {
  return JSON.stringify([
    nameIdentityOf(contact),
    contact.nickname.trim().toLowerCase(),
    contact.company.trim().toLowerCase(),
    contact.emails.map(emailKey).sort(),
    contact.phones.map(phoneKey).sort(),
  ]);
}

/**
 * Of several candidates with the same name, the one `found` most likely is: identical content
 * first, then identical identifying fields, then the oldest.
 */
export function closestCandidate<T>(
  candidates: readonly T[],
  contentOf: (candidate: T) => ContactDraft,
  found: ContactDraft,
): T | undefined {
  return (
    candidates.find((c) => sameJson(contentOf(c), found)) ??
    candidates.find((c) => strictIdentityOf(contentOf(c)) === strictIdentityOf(found)) ??
    candidates[0]
  );
}
