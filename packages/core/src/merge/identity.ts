import type { ContactDraft } from '../model/contact.js';
import { NAME_PARTS } from '../model/contact.js';
import { emailKey, phoneKey } from './list-keys.js';

/**
 * What makes a created contact recognisable when it comes back from a server: its name parts,
 * nickname, company, emails and phones, normalised. Fields a service may not store (notes, name
 * prefixes, categories) are left out, so a lossy round trip still matches.
 */
export function identityOf(contact: ContactDraft): string {
  return JSON.stringify([
    NAME_PARTS.filter((part) => part !== 'prefix' && part !== 'suffix').map((part) => contact.name[part].trim().toLowerCase()),
    contact.nickname.trim().toLowerCase(),
    contact.company.trim().toLowerCase(),
    contact.emails.map(emailKey).sort(),
    contact.phones.map(phoneKey).sort(),
  ]);
}
