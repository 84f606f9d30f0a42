import type { ContactService } from '../service/contact-service.js';
import type { ReplicaDb } from '../replica/schema.js';
import { expectRow, positionOf, transition } from '../replica/contact-transitions.js';
import { writeOutboxEffect } from '../replica/write-transition.js';
import { remoteOf } from '../replica/rows.js';
import { categoryKey } from '../merge/list-keys.js';
import { storageTransaction } from '../replica/storage-error.js';
import { SyncError } from '../errors.js';

/**
 * Renames or removes a category on every contact, in one transaction. A service with book-level
 * categories gets one queued category operation; any other gets an update of each contact.
 */
export async function changeCategory(
  db: ReplicaDb,
  service: ContactService,
  now: number,
  from: string,
  to: string | null,
): Promise<number> {
  if (categoryKey(from) === '' || (to !== null && categoryKey(to) === '')) {
    throw new SyncError('invalid-argument', 'A category needs a name.');
  }
  const key = categoryKey(from);
  let changed = 0;
  await storageTransaction(db, 'rw', [db.contacts, db.outbox, db.categoryOps], async () => {
    const rows = await db.contacts.filter((row) => row.categories.some((c) => categoryKey(c) === key)).toArray();
    for (const row of rows) {
      const kept = row.categories.filter((c) => categoryKey(c) !== key);
      const categories = to === null || kept.some((c) => categoryKey(c) === categoryKey(to)) ? kept : [...kept, to];
      if (service.traits.categoryOperations) {
        await db.contacts.put({ ...row, categories, updatedAt: now });
      } else {
        const t = expectRow(
          transition(positionOf(row.id, row, await db.outbox.get(row.id)), { type: 'edited', at: now, base: remoteOf(row) }),
        );
        await db.contacts.put({ ...row, categories, updatedAt: now, state: t.state });
        await writeOutboxEffect(db, row.id, t.outbox);
      }
      changed++;
    }
    if (service.traits.categoryOperations) {
      await db.categoryOps.add(
        to === null ? { kind: 'remove-category', from, to: '', enqueuedAt: now } : { kind: 'rename-category', from, to, enqueuedAt: now },
      );
    }
  });
  return changed;
}
