/**
 * Deterministic randomness (mulberry32) for the engine's `random` option in tests: jitter and
 * local ids repeat from run to run. Give each engine opening its own seed: one seed used twice hands
 * out the same local ids again.
 */
export function seededRandom(seed = 1): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
