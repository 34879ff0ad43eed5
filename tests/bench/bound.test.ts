import { describe, expect, it } from 'vitest';
import { cursorBoundMs, phaseBound, sequentialPhasesBound, type Limits } from '../../bench/bound';

const unlimited: Limits = { latencyMs: 80, quota: null, windowMs: 30_000 };
const standard: Limits = { latencyMs: 80, quota: 150, windowMs: 30_000 };

describe('benchmark bounds', () => {
  it('is set by concurrency where there is no quota: n x L / cap', () => {
    const b = phaseBound(400, 10, unlimited);
    expect(b.boundMs).toBe(3_200);
    expect(b.limitedBy).toBe('concurrency');
  });

  it('waits out every full window but the last under a quota', () => {
    // 400 requests at 150 a window: 3 windows, two waited out, 100 requests in the last at 10 wide.
    const b = phaseBound(400, 10, standard);
    expect(b.quotaMs).toBe(2 * 30_000 + (100 * 80) / 10);
    expect(b.limitedBy).toBe('quota');
  });

  it('adds up phases that run one after the other, each at its own latency', () => {
    const same = sequentialPhasesBound([{ n: 400, cap: 10 }, { n: 400, cap: 40 }], unlimited);
    expect(same.boundMs).toBe(3_200 + 800);
    const own = sequentialPhasesBound([{ n: 400, cap: 10, latencyMs: 82 }, { n: 400, cap: 40, latencyMs: 90 }], unlimited);
    expect(own.boundMs).toBeCloseTo((400 * 82) / 10 + (400 * 90) / 40, 6);
  });

  it('puts the last window’s tail on the phases that end the job', () => {
    // 800 requests at 150: 6 windows; the last holds 50, all deletes (cap 40, 90 ms each).
    const b = sequentialPhasesBound([{ n: 400, cap: 10 }, { n: 400, cap: 40, latencyMs: 90 }], standard);
    expect(b.quotaMs).toBeCloseTo(5 * 30_000 + (50 * 90) / 40, 6);
  });

  it('bounds a cursor walk by one page at a time', () => {
    expect(cursorBoundMs(400, unlimited)).toBe(32_000);
    expect(cursorBoundMs(400, standard)).toBe(Math.max(32_000, 2 * 30_000 + 100 * 80));
  });
});
