/**
 * The Graph adapter's codec and record mapping, which the package does not export, loaded from its
 * build output like bench/src/internals.ts does for the other adapters.
 */
import type * as GraphCodec from '../../../packages/adapters/dist/microsoft-graph/codec.js';
import type * as GraphRecord from '../../../packages/adapters/dist/microsoft-graph/record.js';
import type * as GraphWire from '../../../packages/adapters/dist/microsoft-graph/wire.js';

const adaptersDist = new URL('.', import.meta.resolve('@contactsync/adapters'));
const load = async <T>(path: string): Promise<T> => (await import(new URL(path, adaptersDist).href)) as T;

export const graphCodec = await load<typeof GraphCodec>('microsoft-graph/codec.js');
const record = await load<typeof GraphRecord>('microsoft-graph/record.js');
const wire = await load<typeof GraphWire>('microsoft-graph/wire.js');
export const graphRecord = { recordOf: record.recordOf, SELECTED: wire.MAPPED_PROPERTIES.join(',') };
