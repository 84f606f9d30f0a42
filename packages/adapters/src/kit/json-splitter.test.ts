import { describe, expect, it } from 'vitest';
import { JsonSplitter, type JsonPiece, type JsonSplit } from './json-splitter.js';

/** Feeds `text` cut at the given offsets; answers every piece, or the first problem. */
function split(text: string, cuts: readonly number[] = []): JsonPiece[] | string {
  const splitter = new JsonSplitter('events');
  const pieces: JsonPiece[] = [];
  const take = (result: JsonSplit): string | null => {
    if (!result.ok) return result.problem;
    pieces.push(...result.pieces);
    return null;
  };
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    const problem = take(splitter.push(text.slice(from, cut)));
    if (problem !== null) return problem;
    from = cut;
  }
  return take(splitter.end()) ?? pieces;
}

const DOC =
  '{ "type" : "sync_response", "rev":24, "ok":true, "none":null, "neg":-1.5e3,' +
  ' "categories":[{"catid":3,"data":"Fr\\"ie{nds]"}],' +
  ' "events" : [ {"cid":1,"fields":[{"data":"a\\\\"}]}, {"cid":2,"s":"}]\\u0022"} ,[] ], "tail":{"x":[1,{}]} }\n';

describe('JsonSplitter', () => {
  it('cuts out the streamed array element by element and every other member whole, in body order', () => {
    expect(split(DOC)).toEqual([
      { kind: 'member', key: 'type', raw: '"sync_response"' },
      { kind: 'member', key: 'rev', raw: '24' },
      { kind: 'member', key: 'ok', raw: 'true' },
      { kind: 'member', key: 'none', raw: 'null' },
      { kind: 'member', key: 'neg', raw: '-1.5e3' },
      { kind: 'member', key: 'categories', raw: '[{"catid":3,"data":"Fr\\"ie{nds]"}]' },
      { kind: 'element', raw: '{"cid":1,"fields":[{"data":"a\\\\"}]}' },
      { kind: 'element', raw: '{"cid":2,"s":"}]\\u0022"}' },
      { kind: 'element', raw: '[]' },
      { kind: 'member', key: 'tail', raw: '{"x":[1,{}]}' },
    ]);
  });

  it('gives the same pieces however the body is cut', () => {
    const whole = split(DOC);
    for (let at = 1; at < DOC.length; at++) expect(split(DOC, [at]), `cut at ${at}`).toEqual(whole);
    const everyChar = Array.from({ length: DOC.length - 1 }, (_, i) => i + 1);
    expect(split(DOC, everyChar)).toEqual(whole);
  });

  it('reads escaped member names as JSON does, and an empty object or array', () => {
    expect(split('{"ev\\u0065nts":[]}')).toEqual([]);
    expect(split('{}')).toEqual([]);
    expect(split('{"events":"not an array"}')).toEqual([{ kind: 'member', key: 'events', raw: '"not an array"' }]);
  });

  it.each([
    ['', 'the body is not a JSON object'],
    ['  [1,2]', 'the body is not a JSON object'],
    ['{"a":1', 'the body ended inside the JSON document (truncated)'],
    ['{"events":[{"cid":1}', 'the body ended inside the JSON document (truncated)'],
    ['{"a":"open', 'the body ended inside the JSON document (truncated)'],
    ['{"a":1} x', 'content after the JSON document'],
    ['{"a":1}{}', 'content after the JSON document'],
    ['{a:1}', 'expected a member name in the JSON object'],
    ['{"a" 1}', 'expected ":" in the JSON object'],
    ['{"a":1 "b":2}', 'expected "," or "}" in the JSON object'],
    ['{"events":[1 2]}', 'expected "," or "]" in "events"'],
    ['{"events":[],"events":[]}', '"events" twice in the JSON object'],
    [`{"events":[${'['.repeat(100)}${']'.repeat(100)}]}`, 'values nested deeper than 64'],
  ])('refuses %j: %s', (body, problem) => {
    expect(split(body)).toBe(problem);
  });
});
