import type { RequestFailure } from '@contactsync/core';
import { decodeBatch, decodeError } from './codec.js';
import type { Exchange } from './exchange.js';
import { GRAPH_STATUS, malformed, requestFailure } from './outcomes.js';
import { MAX_BATCH, type BatchItemRequest, type BatchItemResponse } from './wire.js';

/**
 * JSON batching: requests go to `POST /$batch` in groups of at most 20, the groups concurrently (the
 * exchange keeps to four at once). Answers arrive in any order and are matched by id. A group whose
 * `$batch` request itself failed gives that failure to each of its items.
 */
export type BatchAnswer = BatchItemResponse | RequestFailure;

const BATCH_LINE = { method: 'POST', path: '/$batch' } as const;

export async function runBatches(
  exchange: Exchange,
  items: readonly BatchItemRequest[],
  signal: AbortSignal | undefined,
): Promise<Map<string, BatchAnswer>> {
  const groups: BatchItemRequest[][] = [];
  for (let i = 0; i < items.length; i += MAX_BATCH) groups.push(items.slice(i, i + MAX_BATCH));
  const answers = new Map<string, BatchAnswer>();
  await Promise.all(
    groups.map(async (group) => {
      const result = await runOne(exchange, group, signal);
      for (const item of group) answers.set(item.id, result instanceof Map ? (result.get(item.id) ?? missing(item)) : result);
    }),
  );
  return answers;
}

function missing(item: BatchItemRequest): RequestFailure {
  return malformed(BATCH_LINE, `no answer for batch item ${item.id} (${item.method} ${item.url})`, item.method !== 'GET');
}

async function runOne(
  exchange: Exchange,
  group: readonly BatchItemRequest[],
  signal: AbortSignal | undefined,
): Promise<Map<string, BatchItemResponse> | RequestFailure> {
  const write = group.some((item) => item.method !== 'GET');
  const response = await exchange({ method: 'POST', url: '/$batch', body: { requests: group }, signal });
  if (response.kind !== 'response') return response;
  if (GRAPH_STATUS.decide(response.status, 'batch') !== 'success') {
    return requestFailure(response.status, response.headers, 'batch', BATCH_LINE, decodeError(response.text)?.code ?? '');
  }
  const decoded = decodeBatch(response.text);
  if (!decoded.ok) return malformed(BATCH_LINE, decoded.problem, write);
  const byId = new Map<string, BatchItemResponse>();
  const asked = new Set(group.map((item) => item.id));
  for (const answer of decoded.value) {
    if (!asked.has(answer.id) || byId.has(answer.id))
      return malformed(BATCH_LINE, `unexpected or repeated batch answer id ${answer.id}`, write);
    byId.set(answer.id, answer);
  }
  return byId;
}
