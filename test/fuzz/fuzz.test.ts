import { describe, expect, it } from 'vitest';
import { isKnown } from './known.js';
import { runFuzz } from './fuzzer.js';

/**
 * The fuzzer's short run in the normal suite: a fixed seed, every operation of the document reached, as every role.
 * The full run is `npm run fuzz` (100,000 requests).
 */
describe('the API under generated requests', () => {
  it('answers 3,000 valid and broken requests without a 5xx, only with documented statuses and bodies, and a refusal changes nothing', async () => {
    const report = await runFuzz({ requests: Number(process.env.HX_FUZZ_TEST_REQUESTS ?? 3000), seed: 20261202 });
    expect(report.operationsReached).toBe(report.operations);
    expect(Object.keys(report.byRole).length).toBeGreaterThanOrEqual(9);
    // Both kinds of request are sent: valid ones that reach the services, and broken ones the schemas refuse.
    expect(report.byVariant.valid).toBeGreaterThan(report.requests / 4);
    expect(Object.keys(report.byStatus).some((s) => s.startsWith('2'))).toBe(true);
    expect(report.byStatus['400']).toBeGreaterThan(0);
    const unexpected = report.failures.filter((f) => !isKnown(f));
    expect(unexpected).toEqual([]);
  }, 900_000);
});
