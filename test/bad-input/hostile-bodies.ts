/** Response bodies a broken or hostile server might send, per wire format. */

const MB = 1024 * 1024;

function withInvalidUtf8(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const at = Math.max(0, text.indexOf('Model'));
  const out = new Uint8Array(bytes.length + 2);
  out.set(bytes.subarray(0, at));
  out.set([0xc3, 0x28], at);
  out.set(bytes.subarray(at), at + 2);
  return out;
}

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
).join('')}]>`;

/**
 * `valid` is a real answer of the service to the same request; each hostile body is derived from
 * it or built to attack the decoder. Every one must come back as a typed failure.
 */
export function hostileBodies(format: 'xml' | 'json', valid: string): { readonly name: string; readonly body: string | Uint8Array }[] {
  const common = [
    { name: 'empty', body: '' },
    { name: 'truncated in the middle', body: valid.slice(0, Math.floor(valid.length / 2)) },
    { name: 'invalid UTF-8', body: withInvalidUtf8(valid) },
    { name: 'binary garbage', body: new Uint8Array(4096).map((_, i) => (i * 131 + 7) % 256) },
  ];
  if (format === 'xml') {
    return [
      ...common,
      { name: 'not XML', body: 'this is not <xml' },
      { name: 'billion laughs entity expansion', body: `${BILLION_LAUGHS}<LiveContacts>&lol9;</LiveContacts>` },
      {
        name: 'external entity',
        body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sync-response rev="1">&xxe;</sync-response>',
      },
      { name: 'deeply nested (10 MB)', body: `<LiveContacts>${'<a>'.repeat(MB)}${'</a>'.repeat(MB)}</LiveContacts>`.slice(0, 10 * MB) },
      { name: 'oversized truncated document (10 MB)', body: valid.replace(/<\/[^>]+>\s*$/, '') + `<Notes>${'x'.repeat(10 * MB)}` },
    ];
  }
  return [
    ...common,
    { name: 'not JSON', body: '{"type": "sync_response", ' },
    { name: 'deeply nested (10 MB)', body: `${'['.repeat(5 * MB)}${']'.repeat(5 * MB)}` },
    { name: 'oversized truncated document (10 MB)', body: `${valid.slice(0, -1)}, "junk": "${'x'.repeat(10 * MB)}` },
    { name: 'wrong shapes', body: '{"type":"sync_response","rev":"NaN","events":{"length":1e9},"results":null}' },
    {
      name: 'prototype keys',
      body: '{"type":"sync_response","rev":2,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"events":[{"type":"add_contact","cid":9,"__proto__":{"polluted":true},"fields":[{"type":"name","fid":1,"first":"P","__proto__":{"x":1}}]}]}',
    },
  ];
}
