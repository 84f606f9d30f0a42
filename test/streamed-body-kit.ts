import type { ContactService } from '@contactsync/core';
import { expect } from 'vitest';

/**
 * Helpers for the streamed-pull scenarios (issue 16): re-cut a real response's body into network
 * pieces, and compare replicas without the ids and times a run chooses.
 */

/** The response with its body re-sent as pieces of `pieces` bytes (null: all at once), optionally cut after `keep` bytes. */
export function reshaped(response: Response, pieces: number | null, keep = Infinity): Response {
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const bytes = new Uint8Array(await response.arrayBuffer()).subarray(0, keep);
      const size = pieces ?? bytes.length;
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** Contacts by server id, without the local ids and times a run chooses. */
export function replica(dump: Record<string, unknown[]>): unknown {
  const rows = (dump.contacts ?? []) as { id: string; updatedAt: number; remoteId: string }[];
  const state = (dump.syncState?.[0] ?? {}) as { cursor?: unknown };
  return {
    contacts: rows.map(({ id: _id, updatedAt: _at, ...rest }) => rest).sort((a, b) => a.remoteId.localeCompare(b.remoteId)),
    outbox: dump.outbox,
    conflicts: dump.conflicts,
    cursor: state.cursor,
  };
}

/**
 * A book whose first page was handed out: an aborted continuation fails with `codes.aborted`, a
 * continuation after that is refused (`codes.lost`, nothing committed), and a new pull reads the
 * whole book from the start. Answers how that new read went.
 */
export async function abortThenReread(
  service: ContactService,
  codes: { readonly aborted: string; readonly lost: string },
): Promise<{ pages: number; contacts: number }> {
  const first = await service.pull({ cursor: null, consistency: 'delta' });
  expect(first).toMatchObject({ kind: 'page', mode: 'snapshot', more: true });
  const cursor = first.kind === 'page' ? first.cursor : '';
  expect(first.kind === 'page' && first.changes.length).toBe(500);
  const controller = new AbortController();
  controller.abort();
  expect(await service.pull({ cursor, consistency: 'delta', signal: controller.signal })).toMatchObject({
    kind: 'failed',
    code: codes.aborted,
  });
  expect(await service.pull({ cursor, consistency: 'delta' })).toMatchObject({ kind: 'failed', code: codes.lost, maybeCommitted: false });
  let pages = 0;
  let contacts = 0;
  for (let next: string | null = null, more = true; more; pages++) {
    const page = await service.pull({ cursor: next, consistency: 'delta' });
    if (page.kind !== 'page') throw new Error(`expected a page, got ${page.kind}`);
    contacts += page.changes.length;
    next = page.cursor;
    more = page.more;
  }
  return { pages, contacts };
}
