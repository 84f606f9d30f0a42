import { describe, expect, it } from 'vitest';
import { ownAccount, relayFetch } from './own-carddav';

describe('relayFetch', () => {
  const relay = { relayPath: '/api/own-carddav/abc', origin: 'http://127.0.0.1:5232' };

  it('sends a request for the connected server through the relay path, path and query kept', async () => {
    const seen: string[] = [];
    const fetch = relayFetch(relay, 'http://127.0.0.1:4000', (input) => {
      seen.push(input);
      return Promise.resolve(new Response(''));
    });
    await fetch('http://127.0.0.1:5232/alice/book/card%201.vcf?x=1', { method: 'GET' });
    expect(seen).toEqual(['http://127.0.0.1:4000/api/own-carddav/abc/alice/book/card%201.vcf?x=1']);
  });

  it('refuses a request for any other origin, sending nothing', async () => {
    const seen: string[] = [];
    const fetch = relayFetch(relay, 'http://127.0.0.1:4000', (input) => {
      seen.push(input);
      return Promise.resolve(new Response(''));
    });
    await expect(fetch('http://127.0.0.1:5233/alice/', { method: 'PROPFIND' })).rejects.toThrow(TypeError);
    await expect(fetch('https://evil.example/alice/', { method: 'PROPFIND' })).rejects.toThrow(TypeError);
    expect(seen).toEqual([]);
  });
});

describe('ownAccount', () => {
  it('names the replica after user, server and book, never after the relay', () => {
    const book = {
      url: 'http://127.0.0.1:5232/alice/work/',
      displayName: 'Work',
      supportsSyncCollection: true,
      supportsMultiget: true,
      vcardVersions: [],
      ctag: null,
      syncToken: null,
    };
    const credentials = { url: 'http://127.0.0.1:5232/', username: 'alice', password: 'pw' };
    const a = ownAccount({ relayPath: '/api/own-carddav/1', origin: 'http://127.0.0.1:5232' }, credentials, book);
    const b = ownAccount({ relayPath: '/api/own-carddav/2', origin: 'http://127.0.0.1:5232' }, credentials, book);
    expect(a.databaseName).toBe('contactsync-own/carddav/alice@127.0.0.1:5232/alice/work/');
    expect(b.databaseName).toBe(a.databaseName);
    expect(a.baseUrl).toBe(book.url);
    expect(a.relayPath).toBe('/api/own-carddav/1');
  });
});
