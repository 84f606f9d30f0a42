import { describe, expect, it } from 'vitest';
import { parseAccounts } from './load-accounts';

const base = { id: 'x', label: 'X', databaseName: 'contactsync-demo/x/1', baseUrl: '/b/' };

describe('parseAccounts', () => {
  it('reads the Graph and CardDAV accounts; a CardDAV account without its password (as cached) is not offered', () => {
    const accounts = parseAccounts([
      { ...base, id: 'graph', service: 'microsoft-graph', token: 't' },
      { ...base, id: 'carddav', service: 'carddav', username: 'u', password: 'p' },
      { ...base, id: 'cached', service: 'carddav', username: 'u' },
    ]);
    expect(accounts.map((a) => a.id)).toEqual(['graph', 'carddav']);
    expect(accounts[1]).toMatchObject({ service: 'carddav', username: 'u', password: 'p' });
  });
});
