import { toDraft } from '@contactsync/core';
import { describe, expect, it } from 'vitest';
import { emailWireType, refsFromMeta, refsFromWire, refsToMeta, unknownRefs } from './child-refs.js';

const d = toDraft({ emails: [{ type: 'other', address: 'a@x.org' }], phones: [{ number: '1' }, { number: '2' }] });

describe('child refs in RemoteContact.meta', () => {
  it('round-trips through meta', () => {
    const refs = { emails: [{ id: 'e1', type: 'WindowsLiveID' }], phones: ['p1', null], locations: [] };
    expect(refsFromMeta(refsToMeta(refs), d)).toEqual(refs);
    expect(JSON.parse(JSON.stringify(refsToMeta(refs)))).toEqual(refsToMeta(refs));
  });

  it('reads ids from a received contact', () => {
    expect(refsFromWire({ Emails: [{ ID: 'e1', EmailType: 'Personal' }], Phones: [{ ID: 'p1' }, {}] })).toEqual({
      emails: [{ id: 'e1', type: 'Personal' }],
      phones: ['p1', null],
      locations: [],
    });
  });

  it('treats missing or mismatched meta as unknown, never as a guess', () => {
    expect(refsFromMeta(undefined, d)).toEqual(unknownRefs(d));
    expect(refsFromMeta({ emails: [], phones: 'x', locations: [1] }, d)).toEqual(unknownRefs(d));
    expect(refsFromMeta({ emails: [{ id: 5 }], phones: ['p1', 7], locations: [] }, d)).toEqual({
      emails: [null],
      phones: ['p1', null],
      locations: [],
    });
  });

  it('knows an email’s wire type from its ref, else from its core type', () => {
    expect(emailWireType(d, { emails: [{ id: 'e', type: 'WindowsLiveID' }], phones: [], locations: [] }, 0)).toBe('WindowsLiveID');
    expect(emailWireType(d, unknownRefs(d), 0)).toBe('Other');
  });
});
