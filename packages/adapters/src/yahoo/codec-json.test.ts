import { describe, expect, it } from 'vitest';
import { decodeJsonResponse, jsonCodec } from './codec-json.js';

/** The response example of docs/yahoo.md §2.4. */
const EXAMPLE = {
  type: 'sync_response',
  lmt: 1258930000,
  rev: 24,
  categories: [{ type: 'category', catid: 3, data: 'Friends' }],
  results: [
    { type: 'success', add_action: 'add', cid: 81 },
    { type: 'error', code: -40902, user_message: '...', debug_message: '...' },
    { type: 'success' },
  ],
  events: [
    {
      type: 'add_contact',
      cid: 81,
      lmt: 1258930000,
      fields: [
        { type: 'name', fid: 82, first: 'Ada', last: 'Lovelace' },
        { type: 'email', fid: 83, home: true, data: 'ada@example.org' },
      ],
      categories: [{ type: 'category', catid: 3 }],
    },
    { type: 'remove_contact', cid: 75 },
  ],
};

describe('JSON codec: responses', () => {
  it('decodes the guide example', () => {
    const decoded = decodeJsonResponse(JSON.stringify(EXAMPLE));
    expect(decoded.kind).toBe('sync');
    if (decoded.kind !== 'sync') return;
    expect(decoded.response.rev).toBe(24);
    expect(decoded.response.results).toEqual([
      { type: 'success', addAction: 'add', cid: 81 },
      { type: 'error', code: -40902, userMessage: '...', debugMessage: '...' },
      { type: 'success' },
    ]);
    expect(decoded.response.events).toEqual([
      {
        type: 'add-contact',
        contact: {
          cid: 81,
          lmt: 1258930000,
          fields: [
            { type: 'name', fid: 82, flags: [], parts: { first: 'Ada', last: 'Lovelace' } },
            { type: 'email', fid: 83, flags: ['home'], data: 'ada@example.org' },
          ],
          categories: [{ catid: 3 }],
        },
      },
      { type: 'remove-contact', cid: 75 },
    ]);
  });

  it('unescapes values once (JSON carries them HTML-escaped once)', () => {
    const body = { ...EXAMPLE, categories: [{ type: 'category', catid: 3, data: 'Tom &amp; Jerry &amp;amp;' }], results: [], events: [] };
    const decoded = decodeJsonResponse(JSON.stringify(body));
    expect(decoded.kind === 'sync' && decoded.response.categories[0]?.name).toBe('Tom & Jerry &amp;');
  });

  it('accepts date parts as numbers or strings, and ids as digit strings', () => {
    const body = {
      type: 'sync_response',
      rev: '5',
      events: [{ type: 'add_contact', cid: '9', fields: [{ type: 'birthday', fid: 10, day: 10, month: '12', year: 1815 }] }],
    };
    const decoded = decodeJsonResponse(JSON.stringify(body));
    expect(decoded.kind === 'sync' && decoded.response.events[0]).toEqual({
      type: 'add-contact',
      contact: {
        cid: 9,
        fields: [{ type: 'birthday', fid: 10, flags: [], parts: { day: '10', month: '12', year: '1815' } }],
        categories: [],
      },
    });
  });

  it('decodes a whole-request error', () => {
    expect(decodeJsonResponse('{"type":"error","code":-17011,"user_message":"down","debug_message":"d","retry_after":30}')).toEqual({
      kind: 'error',
      error: { code: -17011, userMessage: 'down', debugMessage: 'd', retryAfter: 30 },
    });
  });

  it.each([
    ['a truncated body', JSON.stringify(EXAMPLE).slice(0, 120)],
    ['an empty body', ''],
    ['an array', '[]'],
    ['an unknown root type', '{"type":"something_else"}'],
    ['a fractional id', '{"type":"sync_response","rev":1,"events":[{"type":"remove_contact","cid":1.5}]}'],
    ['a missing rev', '{"type":"sync_response"}'],
    ['events that are not an array', '{"type":"sync_response","rev":1,"events":{}}'],
    [
      'a string where a flag belongs',
      '{"type":"sync_response","rev":1,"events":[{"type":"add_contact","cid":1,"fields":[{"type":"phone","fid":2,"mobile":"yes","data":"1"}]}]}',
    ],
    ['a number where text belongs', '{"type":"sync_response","rev":1,"categories":[{"type":"category","catid":1,"data":5}]}'],
    ['a result of unknown type', '{"type":"sync_response","rev":1,"results":[{"type":"maybe"}]}'],
  ])('reports %s as a typed malformed result', (_what, body) => {
    expect(decodeJsonResponse(body).kind).toBe('malformed');
  });

  it('treats __proto__ and constructor keys as unknown keys, harmlessly', () => {
    const body =
      '{"type":"sync_response","rev":3,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"events":[{"type":"add_contact","cid":4,"__proto__":{"fields":[]},"fields":[{"type":"nickname","fid":5,"data":"n","__proto__":{"data":"evil"}}]}]}';
    const decoded = decodeJsonResponse(body);
    expect(decoded.kind).toBe('sync');
    expect(decoded.kind === 'sync' && decoded.response.events).toEqual([
      { type: 'add-contact', contact: { cid: 4, fields: [{ type: 'nickname', fid: 5, flags: [], data: 'n' }], categories: [] } },
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(decoded.kind === 'sync' ? decoded.response : {})).toBe(Object.prototype);
  });

  it('ignores event types and properties it does not know', () => {
    const decoded = decodeJsonResponse(
      '{"type":"sync_response","rev":1,"hint":1,"events":[{"type":"add_group","cid":1},{"type":"remove_contact","cid":2}]}',
    );
    expect(decoded.kind === 'sync' && decoded.response.events).toEqual([{ type: 'remove-contact', cid: 2 }]);
  });
});

describe('JSON codec: requests', () => {
  it('follows the guide example: events, fields, categories, rename shape, values escaped once', () => {
    const text = jsonCodec.encodeRequest({
      events: [
        {
          type: 'add-contact',
          fields: [
            { op: 'add', field: { type: 'name', flags: [], parts: { first: 'Tom & Jerry' } } },
            { op: 'add', field: { type: 'birthday', flags: [], parts: { day: '10', month: '12', year: '1815' } } },
          ],
          categories: [{ op: 'add', ref: { name: 'Friends' } }],
        },
        {
          type: 'update-contact',
          cid: 74,
          fields: [
            { op: 'update', fid: 76, field: { type: 'email', flags: ['work'], data: 'a@b.c' } },
            { op: 'remove', fid: 80 },
          ],
          categories: [{ op: 'remove', ref: { catid: 3 } }],
        },
        { type: 'rename-category', old: { catid: 4 }, name: 'Colleagues' },
        { type: 'remove-category', ref: { catid: 5 } },
      ],
    });
    expect(JSON.parse(text)).toEqual({
      type: 'sync_request',
      events: [
        {
          type: 'add_contact',
          fields: [
            { type: 'add_name', first: 'Tom &amp; Jerry' },
            { type: 'add_birthday', day: 10, month: 12, year: 1815 },
          ],
          categories: [{ type: 'add_to_category', data: 'Friends' }],
        },
        {
          type: 'update_contact',
          cid: 74,
          fields: [
            { type: 'update_email', fid: 76, work: true, data: 'a@b.c' },
            { type: 'remove_field', fid: 80 },
          ],
          categories: [{ type: 'remove_from_category', catid: 3 }],
        },
        { type: 'rename_category', old_category: { type: 'category', catid: 4 }, new_category: { type: 'category', data: 'Colleagues' } },
        { type: 'remove_category', catid: 5 },
      ],
    });
  });

  it('accepts application/json and text/javascript', () => {
    expect(['application/json; charset=utf-8', 'text/javascript; charset=UTF-8', null].every((t) => jsonCodec.accepts(t))).toBe(true);
    expect(jsonCodec.accepts('text/html')).toBe(false);
  });
});
