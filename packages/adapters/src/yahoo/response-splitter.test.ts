import { describe, expect, it } from 'vitest';
import type { ResponseItem, ResponseSplitter } from './codec.js';
import { decodeJsonResponse } from './codec-json.js';
import { decodeXmlResponse } from './codec-xml.js';
import { jsonResponseSplitter } from './json-response-splitter.js';
import { xmlResponseSplitter } from './xml-response-splitter.js';

/** Feeds `text` in pieces of `size` characters; answers the items, or the error thrown. */
function stream(splitter: ResponseSplitter, text: string, size = text.length): ResponseItem[] | string {
  const items: ResponseItem[] = [];
  try {
    for (let i = 0; i < text.length; i += size) items.push(...splitter.push(text.slice(i, i + size)));
    items.push(...splitter.end());
  } catch (error) {
    return error instanceof Error ? error.message : 'thrown';
  }
  return items;
}

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sync-response SYSTEM "http://l.yimg.com/pheasant.dtd">
<sync-response lmt="1258930000" rev="24">
  <category catid="3">Friends &amp;amp; family</category>
  <category catid="4">Work</category>
  <future-element/>
  <add-contact cid="81" lmt="1258930000"><name fid="82"><first>Ada</first><last>Lovelace</last></name>
    <email fid="83" home="true">ada@example.org</email><category catid="3"/></add-contact>
  <update-contact cid="74"><notes fid="90">Tom &amp;amp; Jerry &lt;3</notes><category catid="4"/></update-contact>
  <remove-contact cid="75"/>
</sync-response>
`;

const JSON_BODY =
  '{"type":"sync_response","lmt":1258930000,"rev":24,"categories":[{"type":"category","catid":3,"data":"Friends &amp; family"},' +
  '{"type":"category","catid":4,"data":"Work"}],"results":[],"events":[{"type":"add_contact","cid":81,"lmt":1258930000,' +
  '"fields":[{"type":"name","fid":82,"first":"Ada","last":"Lovelace"},{"type":"email","fid":83,"home":true,"data":"ada@example.org"}],' +
  '"categories":[{"type":"category","catid":3}]},{"type":"future_event","cid":1},' +
  '{"type":"update_contact","cid":74,"fields":[{"type":"notes","fid":90,"data":"Tom &amp; Jerry &lt;3"}],"categories":[{"catid":4}]},' +
  '{"type":"remove_contact","cid":75}]}';

const cases = [
  ['xml', XML, xmlResponseSplitter, decodeXmlResponse],
  ['json', JSON_BODY, jsonResponseSplitter, decodeJsonResponse],
] as const;

describe.each(cases)('the %s response read as it arrives', (_format, body, splitter, decodeWhole) => {
  it('yields the head, then the events, exactly as the whole-body decoder reads them, however the text is cut', () => {
    const whole = decodeWhole(body);
    if (whole.kind !== 'sync') throw new Error('the sample must decode');
    const expected: ResponseItem[] = [
      { kind: 'head', rev: whole.response.rev, categories: whole.response.categories },
      ...whole.response.events.map((event): ResponseItem => ({ kind: 'event', event })),
    ];
    expect(whole.response.events).toHaveLength(3);
    for (const size of [body.length, 1, 2, 7, 64]) expect(stream(splitter(), body, size), `pieces of ${size}`).toEqual(expected);
  });

  it('refuses a body cut short, whatever was read before', () => {
    for (const at of [0, 10, Math.floor(body.length / 2), body.length - 3]) {
      expect(typeof stream(splitter(), body.slice(0, at)), `cut at ${at}`).toBe('string');
    }
  });
});

describe('the XML response read as it arrives', () => {
  it('refuses a category after the events (the table comes first) and a DOCTYPE with an internal subset', () => {
    const late = XML.replace('<remove-contact cid="75"/>', '<remove-contact cid="75"/><category catid="9">Late</category>');
    expect(stream(xmlResponseSplitter(), late)).toBe('a <category> after the results or events (the table comes first)');
    const subset = '<!DOCTYPE x [<!ENTITY e "boom">]><sync-response rev="1">&e;</sync-response>';
    expect(stream(xmlResponseSplitter(), subset)).toBe('DOCTYPE with an internal subset');
    expect(stream(xmlResponseSplitter(), '<sync-list rev="1"/>')).toBe('unexpected root <sync-list>');
    expect(stream(xmlResponseSplitter(), '<sync-response rev="x"/>')).toMatch(/rev is not an integer/);
  });

  it('reads an empty response and a whole-request error', () => {
    expect(stream(xmlResponseSplitter(), '<sync-response rev="7"/>')).toEqual([{ kind: 'head', rev: 7, categories: [] }]);
    const error =
      '<error><code>-50302</code><user-message>Busy</user-message><debug-message>d</debug-message><retry-after>600</retry-after></error>';
    expect(stream(xmlResponseSplitter(), error, 5)).toEqual([
      { kind: 'error', error: { code: -50302, userMessage: 'Busy', debugMessage: 'd', retryAfter: 600 } },
    ]);
  });
});

describe('the JSON response read as it arrives', () => {
  it('holds the events that come before the rev and the table, and reads them once both are known', () => {
    const o = JSON.parse(JSON_BODY) as Record<string, unknown>;
    const reversed = JSON.stringify(Object.fromEntries(Object.entries(o).reverse()));
    expect(stream(jsonResponseSplitter(), reversed, 9)).toEqual(stream(jsonResponseSplitter(), JSON_BODY));
    // No table at all: known only at the end, read as empty.
    const { categories: _categories, ...rest } = o;
    const items = stream(jsonResponseSplitter(), JSON.stringify(rest), 11);
    expect(Array.isArray(items) && items[0]).toEqual({ kind: 'head', rev: 24, categories: [] });
  });

  it('refuses wrong shapes as the whole-body decoder does, and reads a whole-request error', () => {
    expect(stream(jsonResponseSplitter(), '{"type":"sync_response","rev":"NaN","categories":[],"events":[]}')).toMatch(
      /rev is not an integer/,
    );
    expect(stream(jsonResponseSplitter(), '{"type":"sync_response","rev":1,"events":{"length":1e9}}')).toBe(
      'sync_response.events is not an array',
    );
    expect(stream(jsonResponseSplitter(), '{"type":"other","events":[]}')).toBe('unexpected response type "other"');
    expect(stream(jsonResponseSplitter(), '{"type":"sync_response","rev":1,"rev":2}')).toBe('"rev" twice in the response');
    expect(stream(jsonResponseSplitter(), '{"type":"sync_response","rev":1,"categories":[],"events":[{"type":"add_contact",}]}')).toMatch(
      /JSON/,
    );
    expect(stream(jsonResponseSplitter(), '{"type":"error","code":-17011,"user_message":"Down","debug_message":"x"}', 4)).toEqual([
      { kind: 'error', error: { code: -17011, userMessage: 'Down', debugMessage: 'x' } },
    ]);
  });
});
