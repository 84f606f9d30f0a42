import type { Address, Email, Phone } from '../model/contact.js';

/** How list items are recognised as "the same item" across versions of a contact. */

export const emailKey = (email: Email): string => email.address.trim().toLowerCase();

/** Digits only, keeping a leading `+`: `+44 20 7946-0000` and `+442079460000` are one number. */
export const phoneKey = (phone: Phone): string => {
  const trimmed = phone.number.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
};

export const addressKey = (address: Address): string =>
  [address.street, address.city, address.region, address.postalCode, address.country]
    .map((part) => part.trim().toLowerCase().replace(/\s+/g, ' '))
    .join('|');

export const categoryKey = (category: string): string => category.trim().toLowerCase();
