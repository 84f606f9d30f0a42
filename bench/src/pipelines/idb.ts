/** An IndexedDB implementation: fake-indexeddb in Node, the browser's own in a worker. */
export interface IndexedDbEnv {
  readonly indexedDB: IDBFactory;
  readonly IDBKeyRange: typeof IDBKeyRange;
}

/** The engine's default `pullChunkSize`: records per transaction when a pull is applied. */
export const ENGINE_CHUNK = 2_000;
