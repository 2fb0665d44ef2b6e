/**
 * A deterministic random stream per key: the same indicator, unit and month get the same numbers on every run
 * and every machine, so the demo's counts are stable whatever else the database holds (tests rely on them).
 */
function hash(key: string): number {
  // FNV-1a, 32 bits.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Random = () => number;

/** mulberry32 seeded from the key: uniform in [0, 1). */
export function randomFor(key: string): Random {
  let a = hash(key);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform in [lo, hi). */
export const between = (rand: Random, lo: number, hi: number) => lo + (hi - lo) * rand();

/** Roughly normal noise in (−1, 1), centred on 0 (the mean of three uniforms, rescaled). */
export const wobble = (rand: Random) => ((rand() + rand() + rand()) / 3 - 0.5) * 2;
