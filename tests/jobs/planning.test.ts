import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeSetBuilder } from '../../utils/jobs/code-set';
import { codegenBody, nextBatchSize } from '../../utils/jobs/generate';
import { BATCH_MAX } from '../../utils/vocabulary';
import { runPool } from '../../utils/jobs/pool';
import { createMeter } from '../../utils/jobs/meter';
import type { GenerateParams } from '../../utils/jobs/types';

const base: GenerateParams = {
  count: 10,
  maxUses: 1,
  maxUsesPerCustomer: 1,
  prefix: '',
  suffix: '',
  delimiter: '',
  codeLength: 8,
  excludeCharacters: [],
};

describe('batch planning', () => {
  it('never plans past N, whatever the interleaving of grants and completions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.boolean(), { maxLength: 300 }),
        (target, steps) => {
          let confirmed = 0;
          let reserved = 0;
          const inFlight: number[] = [];
          for (const grant of steps) {
            if (grant) {
              const size = nextBatchSize(target, confirmed, reserved);
              expect(size).toBeGreaterThanOrEqual(0);
              expect(size).toBeLessThanOrEqual(BATCH_MAX);
              if (size > 0) {
                reserved += size;
                inFlight.push(size);
              }
            } else if (inFlight.length) {
              const size = inFlight.shift()!;
              reserved -= size;
              confirmed += size;
            }
            expect(confirmed + reserved).toBeLessThanOrEqual(target);
          }
        },
      ),
    );
  });

  it('plans full batches then the remainder, summing to exactly N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (target) => {
        let confirmed = 0;
        const sizes: number[] = [];
        for (let s = nextBatchSize(target, 0, 0); s > 0; s = nextBatchSize(target, confirmed, 0)) {
          sizes.push(s);
          confirmed += s;
        }
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(target);
        expect(sizes.slice(0, -1).every((s) => s === BATCH_MAX)).toBe(true);
        expect(sizes.length).toBe(Math.ceil(target / BATCH_MAX));
      }),
    );
  });

  it('builds the codegen body the API documents, delimiter only with a prefix or suffix', () => {
    expect(codegenBody({ ...base, delimiter: '-' }, 250)).toEqual({
      batch_size: 250,
      max_uses: 1,
      max_uses_per_customer: 1,
      code_length: 8,
    });
    expect(
      codegenBody({ ...base, prefix: 'A', delimiter: '_', excludeCharacters: ['O'] }, 5),
    ).toEqual({
      batch_size: 5,
      max_uses: 1,
      max_uses_per_customer: 1,
      code_length: 8,
      prefix: 'A',
      delimiter: '_',
      exclude_characters: ['O'],
    });
  });
});

describe('code set (is this code one of ours?)', () => {
  it('finds every code added, regardless of case, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Z0-9_-]{1,50}$/), { minLength: 0, maxLength: 400 }),
        fc.stringMatching(/^[a-z]{3,12}$/),
        (codes, other) => {
          const b = codeSetBuilder();
          for (const c of codes) b.add(c);
          const set = b.build();
          expect(set.size).toBe(codes.length);
          for (const c of codes) {
            expect(set.indexOf(c)).toBeGreaterThanOrEqual(0);
            expect(set.indexOf(c.toLowerCase())).toBe(set.indexOf(c));
          }
          if (!codes.includes(other.toUpperCase())) expect(set.indexOf(other)).toBe(-1);
        },
      ),
    );
  });

  it('gives distinct codes distinct positions (no collision among 200,000 codes of one shape)', () => {
    const b = codeSetBuilder();
    const codes = Array.from(
      { length: 200_000 },
      (_, i) => `SPRING-${i.toString(36).toUpperCase().padStart(10, '0')}`,
    );
    for (const c of codes) b.add(c);
    const set = b.build();
    expect(new Set(codes.map((c) => set.indexOf(c))).size).toBe(codes.length);
  });
});

describe('runPool', () => {
  it('keeps at most `workers` running and visits every item once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool([...Array(50).keys()], 7, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      running--;
    });
    expect(peak).toBe(7);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
  });

  it('stops on the first failure, aborts the others and rethrows', async () => {
    const aborted: number[] = [];
    const started: number[] = [];
    await expect(
      runPool([...Array(20).keys()], 3, async (i, signal) => {
        started.push(i);
        if (i === 2) throw new Error('boom');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 50);
          signal.addEventListener('abort', () => (clearTimeout(t), aborted.push(i), resolve()));
        });
      }),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(20);
    expect(aborted.length).toBeGreaterThan(0);
  });
});

describe('meter', () => {
  it('reports rate over its window and the time left', () => {
    let t = 0;
    const m = createMeter(() => t, 10_000);
    m.sample(0);
    t = 2000;
    m.sample(1000);
    expect(m.rate()).toBe(500);
    expect(m.eta(1000, 3000)).toBe(4000);
    expect(m.eta(1000, null)).toBeNull();
  });
});
