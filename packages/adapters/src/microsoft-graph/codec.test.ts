import { describe, expect, it } from 'vitest';
import { decodeBatch, decodeDeltaPage, missingProperties } from './codec.js';
import { parseJson } from './json.js';
import { MAPPED_PROPERTIES } from './wire.js';

describe('JSON at the edge', () => {
  it('refuses a __proto__ key however it is spelled, and anything that is not JSON', () => {
    expect(parseJson('{"a":{"__proto__":{"x":1}}}')).toMatchObject({ ok: false });
    expect(parseJson('{"\\u005f_proto__":1}')).toMatchObject({ ok: false });
    expect(parseJson('{"a":')).toMatchObject({ ok: false });
    expect(parseJson('{"constructor":{"prototype":1}}')).toMatchObject({ ok: true });
  });
});

describe('delta pages', () => {
  const link = '"@odata.deltaLink":"https://g/v1.0/me/contacts/delta?$deltatoken=1"';
  it('reads contacts, removals of either reason, and the link', () => {
    const page = decodeDeltaPage(
      `{"value":[{"id":"a","@odata.etag":"W/\\"1\\"","givenName":"Ann","emailAddresses":[{"name":"A","address":"a@x.org"}]},{"id":"b","@removed":{"reason":"changed"}},{"id":"c","@removed":{"reason":"deleted"}}],${link}}`,
      10,
    );
    expect(page).toMatchObject({
      ok: true,
      value: { next: { kind: 'deltaLink' }, items: [{ kind: 'contact' }, { kind: 'removed', id: 'b' }, { kind: 'removed', id: 'c' }] },
    });
  });

  it('knows a partial item by the mapped properties it leaves out', () => {
    const page = decodeDeltaPage(`{"value":[{"id":"a","personalNotes":"n"}],${link}}`, 10);
    const item = page.ok ? page.value.items[0] : undefined;
    expect(item?.kind === 'contact' ? missingProperties(item.contact, MAPPED_PROPERTIES) : []).toHaveLength(MAPPED_PROPERTIES.length - 1);
  });

  it.each([
    ['too many items', `{"value":[{"id":"a"},{"id":"b"}],${link}}`],
    ['no link', '{"value":[]}'],
    ['a number where a name goes', `{"value":[{"id":"a","givenName":3}],${link}}`],
    ['categories of numbers', `{"value":[{"id":"a","categories":[1]}],${link}}`],
    ['an id missing', `{"value":[{"givenName":"x"}],${link}}`],
  ])('refuses %s', (_name, body) => {
    expect(decodeDeltaPage(body, 1)).toMatchObject({ ok: false });
  });
});

describe('batch answers', () => {
  it('reads statuses, lower-cases header names, refuses a status that is not one', () => {
    expect(decodeBatch('{"responses":[{"id":"1","status":429,"headers":{"Retry-After":"7"}}]}')).toMatchObject({
      ok: true,
      value: [{ id: '1', status: 429, headers: { 'retry-after': '7' } }],
    });
    expect(decodeBatch('{"responses":[{"id":"1","status":"429"}]}')).toMatchObject({ ok: false });
    expect(decodeBatch('{"responses":{}}')).toMatchObject({ ok: false });
  });
});
