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
