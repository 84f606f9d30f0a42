import type { ContactDraft, FieldError } from '@contactsync/core';

const TYPE_WORDS = { personal: 'personal', work: 'work', other: 'other' } as const;

/**
 * Windows Live's own content rule beyond the shared ones (`ContactService.validate`): at most one
 * email per type (docs/windows-live.md §1.3; a second one is 409). Core's types map one-to-one onto
 * Personal, Business and Other, so the rule can be checked on the draft. Pure.
 */
export function validateForWindowsLive(contact: ContactDraft): readonly FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  contact.emails.forEach((email, i) => {
    if (seen.has(email.type)) {
      errors.push({ path: `emails.${i}.type`, message: `Windows Live keeps one ${TYPE_WORDS[email.type]} email address per contact: choose another type.` });
    }
    seen.add(email.type);
  });
  return errors;
}
