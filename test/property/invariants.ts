import { expect } from 'vitest';
import { pickDraft, type ContactDraft, type SyncEngine } from '@contactsync/core';
import type { Backend } from './backend.js';

/** A contact's content in a form that ignores list order. */
const canonical = (contact: ContactDraft): string => {
  const c = pickDraft(contact);
  return JSON.stringify({
    ...c,
    emails: [...c.emails].map((e) => `${e.type}:${e.address.toLowerCase()}`).sort(),
    phones: [...c.phones].map((p) => `${p.type}:${p.number}`).sort(),
    addresses: [...c.addresses].map((a) => JSON.stringify(a)).sort(),
    categories: [...c.categories].map((x) => x.toLowerCase()).sort(),
    name: { ...c.name, prefix: '', suffix: '' },
  });
};

/**
 * The invariants after quiescence: (1) every write a device accepted is on the server (or was
 * deleted by someone); (2) no create reached the server twice, except a contact that several
 * devices each re-created after a remote delete; (3) every replica equals the server, and nothing
 * is pending.
 */
export async function checkConverged(
  backend: Backend,
  engines: readonly SyncEngine[],
  created: ReadonlySet<string>,
  deleted: ReadonlySet<string>,
): Promise<void> {
  const server = backend.remote.list().map((r) => r.contact);
  const nicknames = server.map((c) => c.nickname);
  const recreations = new Map<string, number>();
  for (const engine of engines) {
    const byId = new Map((await engine.contacts.list()).map((c) => [c.id, c.nickname]));
    for (const conflict of await engine.conflicts()) {
      const nickname = byId.get(conflict.contactId);
      if (conflict.kind === 'recreated' && nickname !== undefined) recreations.set(nickname, (recreations.get(nickname) ?? 0) + 1);
    }
  }
  for (const nickname of new Set(nicknames)) {
    const copies = nicknames.filter((n) => n === nickname).length;
    expect(copies, `copies of ${nickname} on the server`).toBeLessThanOrEqual(Math.max(1, recreations.get(nickname) ?? 0));
  }
  for (const nickname of created) if (!deleted.has(nickname)) expect(nicknames, `${nickname} lost`).toContain(nickname);
  const expected = server.map(canonical).sort();
  for (const [i, engine] of engines.entries()) {
    expect(await engine.pendingChanges(), `device ${i} pending`).toEqual([]);
    const replica = (await engine.contacts.list()).map(canonical).sort();
    expect(replica, `device ${i} replica`).toEqual(expected);
  }
}
