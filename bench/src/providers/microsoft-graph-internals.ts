/**
 * The Graph adapter's codec, record mapping and wire constants, which the package does not export,
 * loaded from its build output as src/internals.ts loads the other adapters'. A file of its own,
 * imported on demand (microsoft-graph-pages.ts): Graph's mapping imports core and with it Dexie,
 * which RxDB's process must not load; and the browser bundle, which runs no Graph, never needs it.
 */
import type * as GraphCodec from '../../../packages/adapters/dist/microsoft-graph/codec.js';
import type * as GraphRecord from '../../../packages/adapters/dist/microsoft-graph/record.js';
import type * as GraphWire from '../../../packages/adapters/dist/microsoft-graph/wire.js';

const adaptersDist = new URL('.', import.meta.resolve('@contactsync/adapters'));
const load = async <T>(path: string): Promise<T> => (await import(new URL(path, adaptersDist).href)) as T;

export const graphCodec = await load<typeof GraphCodec>('microsoft-graph/codec.js');
export const graphRecord = await load<typeof GraphRecord>('microsoft-graph/record.js');
export const graphWire = await load<typeof GraphWire>('microsoft-graph/wire.js');
