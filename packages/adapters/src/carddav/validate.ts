import type { ContactDraft, FieldError } from '@contactsync/core';

/**
 * CardDAV's content rule beyond the shared ones. vCard EMAIL is free text (RFC 6350 §6.4.2), so
 * no server refuses a malformed address; this client does, so the user corrects it here rather
 * than finding it broken in every other client of the book. Pure.
 */
export function validateForCardDav(contact: ContactDraft): readonly FieldError[] {
  const errors: FieldError[] = [];
  contact.emails.forEach((email, i) => {
    if (!/^[^\s@]+@[^\s@]+$/.test(email.address))
      errors.push({ path: `emails.${i}.address`, message: 'Enter an email address such as name@example.org.' });
  });
  return errors;
}
