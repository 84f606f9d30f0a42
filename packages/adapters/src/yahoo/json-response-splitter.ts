import { JsonSplitter, type JsonPiece } from '../kit/index.js';
import { MalformedBody, parseInteger, type ResponseItem, type ResponseSplitter } from './codec.js';
import { categoryTable, error, event, list, obj, result, type Obj } from './codec-json.js';

/** Members of the root this client reads; any other is checked to be JSON and ignored, like the whole-body decoder did. */
const KNOWN = new Set(['type', 'rev', 'lmt', 'categories', 'results', 'code', 'user_message', 'debug_message', 'retry_after']);

/**
 * A JSON `sync_response` (docs/yahoo.md §2.4) read as it arrives: `events` element by element, each
 * read by the whole-body decoder's own checks (codec-json.ts). JSON does not order an object's
 * members, so the head (type, rev, category table) may come after some events: those wait as raw
 * text until it is complete, and the events after it flow at once. The service sends the head first.
 */
export function jsonResponseSplitter(): ResponseSplitter {
  const splitter = new JsonSplitter('events');
  const members: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const waiting: string[] = [];
  let headSent = false;
  const root = (): Obj => members;

  const decodeEvent = (raw: string, out: ResponseItem[]): void => {
    const read = event(JSON.parse(raw) as unknown);
    if (read !== null) out.push({ kind: 'event', event: read });
  };
  const head = (out: ResponseItem[]): void => {
    out.push({ kind: 'head', rev: parseInteger(members['rev'], 'rev'), categories: categoryTable(root()) });
    headSent = true;
    for (const raw of waiting.splice(0)) decodeEvent(raw, out);
  };
  const take = (pieces: readonly JsonPiece[], out: ResponseItem[]): void => {
    for (const piece of pieces) {
      if (piece.kind === 'element') {
        if (headSent) decodeEvent(piece.raw, out);
        else if (members['type'] !== 'error') waiting.push(piece.raw);
        continue;
      }
      const value = JSON.parse(piece.raw) as unknown;
      if (piece.key === 'events') throw new MalformedBody('sync_response.events is not an array');
      if (!KNOWN.has(piece.key)) continue;
      if (Object.hasOwn(members, piece.key)) throw new MalformedBody(`"${piece.key}" twice in the response`);
      members[piece.key] = value;
      if (piece.key === 'lmt') parseInteger(value, 'lmt');
      if (piece.key === 'results') list(root(), 'results', 'sync_response').forEach(result);
      if (piece.key === 'type' && value !== 'sync_response' && value !== 'error')
        throw new MalformedBody(`unexpected response type ${JSON.stringify(value)}`);
    }
    const ready = members['type'] === 'sync_response' && Object.hasOwn(members, 'rev') && Object.hasOwn(members, 'categories');
    if (!headSent && ready) head(out);
  };
  const run = (split: ReturnType<JsonSplitter['push']>, last: boolean): ResponseItem[] => {
    if (!split.ok) throw new MalformedBody(split.problem);
    const out: ResponseItem[] = [];
    take(split.pieces, out);
    if (!last) return out;
    if (members['type'] === 'error') return [{ kind: 'error', error: error(obj(root(), 'response')) }];
    if (members['type'] !== 'sync_response') throw new MalformedBody(`unexpected response type ${JSON.stringify(members['type'])}`);
    // No table in the body: an empty one, as the whole-body decoder read it (the pull keeps the known table when there are no events).
    if (!headSent) head(out);
    return out;
  };
  return {
    push: (text) => run(splitter.push(text), false),
    end: () => run(splitter.end(), true),
  };
}
