import type { ContactDraft, FieldError } from '@contactsync/core';

/**
 * The seed's -40020 rule for category names (seeds/yahoo-address-book-error-codes.txt): "cannot be
 * empty and it cannot contain any of the following characters: slashes, @, colons, semi-colons,
 * brackets, less-than or greater-than signs, spaces, commas, single or double quotes".
 */
const FORBIDDEN_IN_CATEGORY = /[/\\@:;()[\]{}<>\s,'"]/;
const CATEGORY_MESSAGE =
  'A category name cannot contain slashes, @, colons, semi-colons, brackets, less-than or greater-than signs, spaces, commas, single or double quotes.';

/**
 * Yahoo's content rules beyond core's shared ones, checked on every local write (the port's
 * `validate`). Only rules the seed states outright are here: limits it leaves unnumbered are the
 * server's to enforce.
 */
export function yahooContentRules(contact: ContactDraft): FieldError[] {
  const errors = contact.categories.flatMap((name, i) =>
    FORBIDDEN_IN_CATEGORY.test(name) ? [{ path: `categories.${i}`, message: CATEGORY_MESSAGE }] : [],
  );
  if (fieldCount(contact) > MAX_FIELDS)
    errors.push({
      path: 'name',
      message: `Yahoo keeps at most ${MAX_FIELDS} details on one contact: remove some emails, phone numbers or addresses.`,
    });
  return errors;
}

/** -40039: over 100 fields on one contact. Each list item is a field, as is each non-empty single field. */
const MAX_FIELDS = 100;

function fieldCount(contact: ContactDraft): number {
  const name = Object.values(contact.name).some((part) => part !== '') ? 1 : 0;
  const singles = [contact.nickname, contact.company, contact.jobTitle, contact.notes, contact.birthday].filter((v) => v !== '').length;
  return name + singles + contact.emails.length + contact.phones.length + contact.addresses.length;
}
