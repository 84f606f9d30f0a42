import { errorReply, json, type GraphCall, type Reply } from './reply.js';
import { route, type RouteContext } from './routes.js';
import type { EmulatorState } from './state.js';
import type { ForcedResponse } from './types.js';

/**
 * Serves one call below `/v1.0` after the mailbox-wide checks: a forced status, then `$batch`
 * (whose items are served one by one, each with its own forced status, answers in shuffled order)
 * or a contact route.
 */
export function forcedReply(rule: ForcedResponse): Reply {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
  const code = rule.code ?? (rule.status === 429 ? 'TooManyRequests' : rule.status === 401 ? 'InvalidAuthenticationToken' : 'ErrorForced');
  return errorReply(rule.status, code, `Forced by the control plane (${rule.status}).`, headers);
}

export function serveCall(state: EmulatorState, ctx: RouteContext, call: GraphCall): Reply {
  if (call.path === '/$batch') return batch(state, ctx, call);
  return route(ctx, call);
}

const MAX_BATCH = 20;

function batch(state: EmulatorState, ctx: RouteContext, call: GraphCall): Reply {
  if (call.method !== 'POST') return errorReply(405, 'BadRequest', '$batch is a POST.');
  const body = call.body as { requests?: unknown } | null;
  const requests = typeof body === 'object' && body !== null && Array.isArray(body.requests) ? (body.requests as unknown[]) : null;
  if (requests === null) return errorReply(400, 'BadRequest', 'A batch needs a requests array.');
  if (requests.length > MAX_BATCH) return errorReply(400, 'BadRequest', `A batch holds at most ${MAX_BATCH} requests.`);
  const ids = new Set<string>();
  const responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];
  for (const raw of requests) {
    const r = raw as { id?: unknown; method?: unknown; url?: unknown; headers?: unknown; body?: unknown };
    if (typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string' || ids.has(r.id)) {
      return errorReply(400, 'BadRequest', 'Every batch request needs a unique string id, a method and a url.');
    }
    ids.add(r.id);
    const url = new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'http://batch.invalid');
    const headers: Record<string, string> = {};
    if (typeof r.headers === 'object' && r.headers !== null) {
      for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
    const method = r.method.toUpperCase();
    const forced = state.faults.takeForcedInBatch(method, url.pathname);
    const reply =
      forced !== null ? forcedReply(forced) : route(ctx, { method, path: url.pathname, query: url.searchParams, headers, body: r.body });
    state.requestLog.push({
      method,
      path: url.pathname,
      status: reply.status,
      time: state.now(),
      forced: forced !== null,
      dropped: false,
      inBatch: true,
    });
    responses.push({
      id: r.id,
      status: reply.status,
      headers: { ...reply.headers },
      ...(reply.json === undefined ? {} : { body: reply.json }),
    });
  }
  // Graph answers batch items in whatever order they finish.
  for (let i = responses.length - 1; i > 0; i--) {
    const j = Math.floor(state.random() * (i + 1));
    [responses[i], responses[j]] = [responses[j] as (typeof responses)[number], responses[i] as (typeof responses)[number]];
  }
  return json(200, { responses });
}
