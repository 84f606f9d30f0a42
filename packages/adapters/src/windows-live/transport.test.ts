import { describe, expect, it } from 'vitest';
import { createSend, idFromLocation } from './transport.js';

const fetchError = (code: string): Error => new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) });

describe('createSend', () => {
  it('addresses the book, sends the DelegatedToken header and XML content type, and never throws', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const send = createSend({
      baseUrl: 'http://host/prefix/',
      lid: '00000000000000ff',
      token: 'tok',
      fetch: async (url, init) => {
        seen.push({ url, init });
        if (seen.length === 2) throw fetchError('ECONNREFUSED');
        return new Response('<x/>', { status: 200 });
      },
    });
    const ok = await send({ method: 'PUT', path: 'Contacts/Contact(1)', body: '<Contact/>' });
    expect(ok).toMatchObject({ kind: 'response', status: 200, body: '<x/>' });
    expect(seen[0]?.url).toBe('http://host/prefix/users/@L@00000000000000ff/rest/LiveContacts/Contacts/Contact(1)');
    const headers = seen[0]?.init.headers as Record<string, string>;
    expect(headers['Authorization']).toBe('DelegatedToken dt="tok"');
    expect(headers['Content-Type']).toBe('application/xml; charset=utf-8');
    expect(await send({ method: 'GET', path: '' })).toEqual({ kind: 'offline', debugMessage: 'GET : ECONNREFUSED' });
  });
});

describe('idFromLocation', () => {
  it('reads the id of the last segment, absolute or relative, escaped or not', () => {
    const h = (location: string) => new Headers({ Location: location });
    expect(idFromLocation(h('http://x/users/@L@1/rest/LiveContacts/Contacts/Contact(ab-12)'), 'Contact')).toBe('ab-12');
    expect(idFromLocation(h('/rest/LiveContacts/contacts/contact(a%20b)'), 'Contact')).toBe('a b');
    expect(idFromLocation(h('/Contacts/Contact(1)/Emails/Email(e9)'), 'Email')).toBe('e9');
    expect(idFromLocation(h('/Contacts/Contact(1)/Emails/Email(e9)'), 'Contact')).toBeNull();
    expect(idFromLocation(new Headers(), 'Contact')).toBeNull();
  });
});
