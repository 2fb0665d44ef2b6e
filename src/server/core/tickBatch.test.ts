import { describe, expect, it } from 'vitest';
import { tickBatcher } from './tickBatch.js';

describe('tickBatcher', () => {
  it('serves the calls of one turn with one run, each caller getting its own answer', async () => {
    const runs: number[][] = [];
    const double = tickBatcher(async (keys: number[]) => {
      runs.push(keys);
      return new Map(keys.map((k) => [k, k * 2]));
    });
    const answers = await Promise.all([double(1), double(2), double(2), double(3)]);
    expect(answers).toEqual([2, 4, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('starts a new run for calls made after the previous turn', async () => {
    const runs: string[][] = [];
    const echo = tickBatcher(async (keys: string[]) => {
      runs.push(keys);
      return new Map(keys.map((k) => [k, k]));
    });
    await echo('a');
    await echo('b');
    expect(runs).toEqual([['a'], ['b']]);
  });

  it('answers undefined for a key the run did not find', async () => {
    const find = tickBatcher(async () => new Map<string, number>());
    await expect(find('missing')).resolves.toBeUndefined();
  });

  it('rejects every caller of a failed run, and the next turn runs again', async () => {
    let fail = true;
    const flaky = tickBatcher(async (keys: number[]) => {
      if (fail) throw new Error('database unavailable');
      return new Map(keys.map((k) => [k, k]));
    });
    const results = await Promise.allSettled([flaky(1), flaky(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(flaky(3)).resolves.toBe(3);
  });
});
