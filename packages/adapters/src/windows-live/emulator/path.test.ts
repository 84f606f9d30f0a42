import { describe, expect, it } from 'vitest';
import { disallowed, lidToCid, parsePath } from './path.js';

describe('parsePath (docs/windows-live.md §1.1)', () => {
  it('reads @L@ and @C@ (the lid as a signed 64-bit decimal) as the same book', () => {
    expect(lidToCid('0000000000000001')).toBe('1');
    expect(lidToCid('ffffffffffffffff')).toBe('-1');
    expect(lidToCid('8000000000000000')).toBe('-9223372036854775808');
    for (const lid of ['0123456789abcdef', 'fedcba9876543210']) {
      expect(parsePath(`/users/@C@${lidToCid(lid)}/rest/LiveContacts`)?.lid).toBe(lid);
      expect(parsePath(`/users/@L@${lid.toUpperCase()}/rest/LiveContacts`)?.lid).toBe(lid);
    }
    expect(parsePath('/users/@C@9223372036854775808/rest/LiveContacts')?.lid).toBeNull();
    expect(parsePath('/users/@L@123/rest/LiveContacts')?.lid).toBeNull();
    expect(parsePath('/elsewhere')).toBeNull();
  });

  it('matches every segment case-insensitively and canonicalises element names', () => {
    const base = '/USERS/@l@0123456789abcdef/REST/livecontacts';
    expect(parsePath(base)?.target).toEqual({ kind: 'root' });
    expect(parsePath(`${base}/OWNER`)?.target).toEqual({ kind: 'owner' });
    expect(parsePath(`${base}/contacts/CONTACT(Ab)/emails/EMAIL(e1)`)?.target).toEqual({
      kind: 'child',
      id: 'Ab',
      collection: 'Emails',
      childId: 'e1',
    });
    expect(parsePath(`${base}/Contacts/Contact(1)/profiles/personal/firstname`)?.target).toEqual({
      kind: 'element',
      id: '1',
      path: ['Profiles', 'Personal', 'FirstName'],
    });
    expect(parsePath(`${base}/Contacts/Contact(1)/tags`)?.target).toEqual({ kind: 'element', id: '1', path: ['Tags'] });
    expect(parsePath(`${base}/Contacts/Contact(1)/Profiles/Personal/JobTitle`)?.target).toBeNull();
    expect(parsePath(`${base}/Contacts/Contact(1)/Emails/Email(1)/Address`)?.target).toBeNull();
    expect(parsePath(`${base}/Contacts/Contact(a%20b)`)?.target).toEqual({ kind: 'contact', id: 'a b' });
  });
});

describe('disallowed (seed document, 405)', () => {
  it('answers the documented Allow values', () => {
    expect(disallowed('DELETE', 'owner')).toBe('GET, PUT');
    expect(disallowed('POST', 'element')).toBe('GET, PUT');
    expect(disallowed('PATCH', 'contact')).toBe('POST, PUT, GET, DELETE');
    expect(disallowed('GET', 'root')).toBeNull();
    expect(disallowed('PUT', 'contacts')).toBe('POST, GET');
  });
});
