import { describe, expect, it } from 'vitest';
import { decodeXmlResponse, xmlCodec } from './codec-xml.js';

/** The response example of docs/yahoo.md §2.3, with the contact text filled in. */
const EXAMPLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<!DOCTYPE sync-response SYSTEM "http://l.yimg.com/us.yimg.com/lib/pim/r/abook/xml/2/pheasant.dtd">
<sync-response lmt="1258930000" rev="24">
  <category catid="3">Friends</category>
  <success add-action="add" cid="81"/>
  <error><code>-40902</code><user-message>Contact changes could not be saved because of a temporary
    problem. Please try again later.</user-message><debug-message>cid 74 changed at rev 23</debug-message></error>
  <success/>
  <add-contact cid="81" lmt="1258930000"><name fid="82"><first>Ada</first><last>Lovelace</last></name>
    <email fid="83" home="true">ada@example.org</email><category catid="3"/></add-contact>
  <update-contact cid="74" lmt="1258929990"><nickname fid="90">Tom &amp;amp; Jerry</nickname></update-contact>
  <remove-contact cid="75"/>
</sync-response>`;

describe('XML codec: responses', () => {
  it('decodes the guide example: table, results in order, events', () => {
    const decoded = decodeXmlResponse(EXAMPLE);
    expect(decoded.kind).toBe('sync');
    if (decoded.kind !== 'sync') return;
    const r = decoded.response;
    expect(r.rev).toBe(24);
    expect(r.categories).toEqual([{ catid: 3, name: 'Friends' }]);
    expect(r.results.map((x) => x.type)).toEqual(['success', 'error', 'success']);
    expect(r.results[0]).toEqual({ type: 'success', addAction: 'add', cid: 81 });
    expect(r.results[1]).toMatchObject({ type: 'error', code: -40902, debugMessage: 'cid 74 changed at rev 23' });
    expect(r.events[0]).toEqual({
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
    });
    expect(r.events[1]).toMatchObject({ type: 'update-contact', contact: { fields: [{ data: 'Tom & Jerry' }] } });
    expect(r.events[2]).toEqual({ type: 'remove-contact', cid: 75 });
  });

  it('undoes the XML layer and then the HTML layer exactly once', () => {
    const body = '<sync-response rev="1"><category catid="1">a&amp;amp;amp;b &amp;lt;c&amp;gt; &#38;#39;</category></sync-response>';
    const decoded = decodeXmlResponse(body);
    expect(decoded.kind === 'sync' && decoded.response.categories[0]?.name).toBe("a&amp;b <c> '");
  });

  it('keeps leading and trailing spaces of values (no trimming)', () => {
    const decoded = decodeXmlResponse(
      '<sync-response rev="1"><add-contact cid="2"><notes fid="3">  two spaces  </notes></add-contact></sync-response>',
    );
    expect(decoded.kind === 'sync' && decoded.response.events[0]).toMatchObject({ contact: { fields: [{ data: '  two spaces  ' }] } });
  });

  it('decodes a whole-request error with retry-after', () => {
    const decoded = decodeXmlResponse(
      '<?xml version="1.0"?><error><code>-50302</code><user-message>Locked &amp; loaded</user-message><debug-message>d</debug-message><retry-after>600</retry-after></error>',
    );
    expect(decoded).toEqual({ kind: 'error', error: { code: -50302, userMessage: 'Locked & loaded', debugMessage: 'd', retryAfter: 600 } });
  });

  it.each([
    ['a truncated body', EXAMPLE.slice(0, EXAMPLE.length - 40)],
    ['an empty body', ''],
    ['an undefined entity', '<sync-response rev="1"><category catid="1">&bogus;</category></sync-response>'],
    [
      'a DOCTYPE with an internal subset',
      '<!DOCTYPE sync-response [<!ENTITY x "boom">]><sync-response rev="1"><category catid="1">&x;</category></sync-response>',
    ],
    ['a non-integer id', '<sync-response rev="1"><remove-contact cid="7x"/></sync-response>'],
    ['a fractional rev', '<sync-response rev="1.5"/>'],
    ['a missing rev', '<sync-response/>'],
    ['a field without fid', '<sync-response rev="1"><add-contact cid="2"><notes>x</notes></add-contact></sync-response>'],
    [
      'a flag that is not boolean',
      '<sync-response rev="1"><add-contact cid="2"><phone fid="3" mobile="yes">1</phone></add-contact></sync-response>',
    ],
    ['another root element', '<html><body>proxy error</body></html>'],
    ['an error without a code', '<error><user-message>x</user-message></error>'],
  ])('reports %s as a typed malformed result, never a throw', (_what, body) => {
    const decoded = decodeXmlResponse(body);
    expect(decoded.kind).toBe('malformed');
  });

  it('treats __proto__ and constructor elements and attributes as unknown, harmlessly', () => {
    const body =
      '<sync-response rev="2" __proto__="x"><__proto__><polluted>yes</polluted></__proto__><constructor/><add-contact cid="5" constructor="1"><prototype/><nickname fid="6" __proto__="1">n</nickname></add-contact></sync-response>';
    const decoded = decodeXmlResponse(body);
    expect(decoded.kind).toBe('sync');
    expect(decoded.kind === 'sync' && decoded.response.events).toEqual([
      { type: 'add-contact', contact: { cid: 5, fields: [{ type: 'nickname', fid: 6, flags: [], data: 'n' }], categories: [] } },
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('ignores elements it does not know (newer servers), including unknown field types', () => {
    const decoded = decodeXmlResponse(
      '<sync-response rev="3"><hint/><add-contact cid="5"><hobby fid="9">chess</hobby><nickname fid="6">n</nickname></add-contact></sync-response>',
    );
    expect(decoded.kind === 'sync' && decoded.response.events[0]).toMatchObject({ contact: { fields: [{ type: 'nickname' }] } });
  });
});

describe('XML codec: requests', () => {
  it('escapes values twice on the wire and writes flags, fids and categories as the guide shows', () => {
    const text = xmlCodec.encodeRequest({
      events: [
        {
          type: 'add-contact',
          fields: [
            { op: 'add', field: { type: 'name', flags: [], parts: { first: 'Tom & Jerry', last: '<Cat>' } } },
            { op: 'add', field: { type: 'email', flags: ['home'], data: 'a@b.c' } },
          ],
          categories: [{ op: 'add', ref: { name: 'Friends&Co' } }],
        },
        {
          type: 'update-contact',
          cid: 74,
          fields: [
            { op: 'update', fid: 76, field: { type: 'email', flags: [], data: "o'neil@x.y" } },
            { op: 'remove', fid: 80 },
          ],
          categories: [{ op: 'remove', ref: { catid: 3 } }],
        },
        { type: 'remove-contact', cid: 75 },
        { type: 'add-category', name: 'Family' },
        { type: 'rename-category', old: { catid: 4 }, name: 'Colleagues' },
        { type: 'remove-category', ref: { catid: 5 } },
      ],
    });
    expect(text).toContain('<add-name><first>Tom &amp;amp; Jerry</first><last>&amp;lt;Cat&amp;gt;</last></add-name>');
    expect(text).toContain('<add-email home="true">a@b.c</add-email>');
    expect(text).toContain('<add-to-category>Friends&amp;amp;Co</add-to-category>');
    expect(text).toContain(
      '<update-contact cid="74"><update-email fid="76">o&amp;#39;neil@x.y</update-email><remove-field fid="80"/><remove-from-category catid="3"/></update-contact>',
    );
    expect(text).toContain('<remove-contact cid="75"/><add-category>Family</add-category>');
    expect(text).toContain(
      '<rename-category><old-category catid="4"/><new-category>Colleagues</new-category></rename-category><remove-category catid="5"/>',
    );
  });

  it('knows which characters XML 1.0 cannot carry', () => {
    expect(xmlCodec.cannotCarry('bell \u0007')).toBe(true);
    expect(xmlCodec.cannotCarry('tab\tnewline\ncr\r é ✓ 😀')).toBe(false);
  });

  it('accepts XML content types and a missing one', () => {
    expect(['application/xml; charset=utf-8', 'text/xml', null].every((t) => xmlCodec.accepts(t))).toBe(true);
    expect(xmlCodec.accepts('text/html')).toBe(false);
  });
});
