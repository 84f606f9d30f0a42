/**
 * The browser bundle's stand-in for src/internals.ts (Vite swaps it in): the same internal modules,
 * imported statically so they are bundled.
 */
export * as wlCodec from '../../packages/adapters/dist/windows-live/codec.js';
export * as wlRecord from '../../packages/adapters/dist/windows-live/record.js';
export * as yahooJson from '../../packages/adapters/dist/yahoo/codec-json.js';
export * as yahooXml from '../../packages/adapters/dist/yahoo/codec-xml.js';
export * as yahooResults from '../../packages/adapters/dist/yahoo/push-results.js';
export * as threeWay from '../../packages/core/dist/merge/three-way.js';
