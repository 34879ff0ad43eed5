import { describe, expect, it } from 'vitest';
import {
  createBound,
  cursorBoundMs,
  phaseBound,
  sequentialPhasesBound,
  windowsFor,
  type Limits,
} from '../../bench/bound';

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
    const same = sequentialPhasesBound(
      [
        { n: 400, cap: 10 },
        { n: 400, cap: 40 },
      ],
      unlimited,
    );
    expect(same.boundMs).toBe(3_200 + 800);
    const own = sequentialPhasesBound(
      [
        { n: 400, cap: 10, latencyMs: 82 },
        { n: 400, cap: 40, latencyMs: 90 },
      ],
      unlimited,
    );
    expect(own.boundMs).toBeCloseTo((400 * 82) / 10 + (400 * 90) / 40, 6);
  });

  it('puts the last window’s tail on the phases that end the job', () => {
    // 800 requests at 150: 6 windows; the last holds 50, all deletes (cap 40, 90 ms each).
    const b = sequentialPhasesBound(
      [
        { n: 400, cap: 10 },
        { n: 400, cap: 40, latencyMs: 90 },
      ],
      standard,
    );
    expect(b.quotaMs).toBeCloseTo(5 * 30_000 + (50 * 90) / 40, 6);
  });

  it('bounds a cursor walk by one page at a time', () => {
    expect(cursorBoundMs(400, unlimited)).toBe(32_000);
    expect(cursorBoundMs(400, standard)).toBe(Math.max(32_000, 2 * 30_000 + 100 * 80));
  });

  it('bounds an import by one create per code, 40 in flight: ceil(N / 40) x L when 40 divides N', () => {
    const b = createBound(10_000, unlimited);
    expect(b).toMatchObject({ requests: 10_000, cap: 40, quotaMs: 0, limitedBy: 'concurrency' });
    expect(b.boundMs).toBe(Math.ceil(10_000 / 40) * 80);
    // At a measured round trip instead of the injected latency.
    expect(createBound(10_000, { ...unlimited, latencyMs: 83.5 }).boundMs).toBeCloseTo(
      250 * 83.5,
      6,
    );
  });

  it('bounds an import on a quota plan by its windows: every one but the last waited out', () => {
    // 1,000 creates at 150 a window: 7 windows, six waited out, 100 creates in the last at 40 wide.
    const b = createBound(1_000, standard);
    expect(b.quotaMs).toBe(6 * 30_000 + (100 * 80) / 40);
    expect(b.limitedBy).toBe('quota');
    // 250 creates: 2 windows, 100 in the last.
    expect(createBound(250, standard).boundMs).toBe(30_000 + (100 * 80) / 40);
  });

  it('counts the windows a run spans at a rate per window', () => {
    expect(windowsFor(0, 144)).toBe(0);
    expect(windowsFor(1_000, 150)).toBe(7);
    // The engine's 1,001 requests at 144 a window (150 less its 4 % reserve) need 7 too; 1,051 need 8.
    expect(windowsFor(1_001, 144)).toBe(7);
    expect(windowsFor(1_051, 144)).toBe(8);
    expect(windowsFor(1_050, 150)).toBe(7);
  });
});
