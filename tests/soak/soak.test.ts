import { describe, expect, it } from 'vitest';
import { runSoak } from './soak';

// The short soak: every invariant of `npm run soak`, on fewer codes.
describe('soak with faults (short)', () => {
  it('generate, export and purge stay exact with 500s, drops and 429 bursts', async () => {
    const { checks } = await runSoak({ codes: 3000, latencyMs: 1 });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.length).toBeGreaterThan(10);
  }, 120_000);
});
