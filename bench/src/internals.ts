/**
 * Modules the packages do not export (the adapters' codecs and mappings, core's merge), loaded
 * from the packages' build output. Types come from a type-only import of the same files, so the
 * compiled benchmark's different folder depth does not matter; the browser bundle swaps this file
 * for browser/internals-browser.ts, which imports them statically.
 */
import type * as WlCodec from '../../packages/adapters/dist/windows-live/codec.js';
import type * as WlRecord from '../../packages/adapters/dist/windows-live/record.js';
import type * as YahooJson from '../../packages/adapters/dist/yahoo/codec-json.js';
import type * as YahooXml from '../../packages/adapters/dist/yahoo/codec-xml.js';
import type * as YahooResults from '../../packages/adapters/dist/yahoo/push-results.js';
import type * as ThreeWay from '../../packages/core/dist/merge/three-way.js';

const adaptersDist = new URL('.', import.meta.resolve('@contactsync/adapters'));
const coreDist = new URL('.', import.meta.resolve('@contactsync/core'));
const load = async <T>(base: URL, path: string): Promise<T> => (await import(new URL(path, base).href)) as T;

export const wlCodec = await load<typeof WlCodec>(adaptersDist, 'windows-live/codec.js');
export const wlRecord = await load<typeof WlRecord>(adaptersDist, 'windows-live/record.js');
export const yahooJson = await load<typeof YahooJson>(adaptersDist, 'yahoo/codec-json.js');
export const yahooXml = await load<typeof YahooXml>(adaptersDist, 'yahoo/codec-xml.js');
export const yahooResults = await load<typeof YahooResults>(adaptersDist, 'yahoo/push-results.js');
export const threeWay = await load<typeof ThreeWay>(coreDist, 'merge/three-way.js');
