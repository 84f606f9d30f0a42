import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';

/** A fresh in-memory IndexedDB, so no run sees another's data (or pays for its size). */
export function freshIndexedDb(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** Collects garbage between runs when Node was started with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
