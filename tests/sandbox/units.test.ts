import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../sandbox/cli-args';
import { decodeCursor, encodeCursor } from '../../sandbox/cursor';
import { deleteBatchLimit, inFlightCap, StoreLimiter } from '../../sandbox/limits';
import { SortedIds } from '../../sandbox/sorted-ids';

describe('SortedIds', () => {
  it('matches a plain sorted array under appends, deletes, ranks and slices', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('append' as const), n: fc.integer({ min: 1, max: 1500 }) }),
            fc.record({ op: fc.constant('delete' as const), n: fc.nat() }),
            fc.record({
              op: fc.constant('query' as const),
              n: fc.nat(),
              len: fc.integer({ min: 0, max: 700 }),
            }),
          ),
          { maxLength: 40 },
        ),
        (ops) => {
          const s = new SortedIds();
          let model: number[] = [];
          let next = 1;
          for (const o of ops) {
            if (o.op === 'append') {
              for (let i = 0; i < o.n; i++) {
                next += 1 + (i % 3);
                s.append(next);
                model.push(next);
              }
            } else if (o.op === 'delete') {
              if (model.length === 0) {
                expect(s.delete(o.n)).toBe(false);
                continue;
              }
              const id = model[o.n % model.length]!;
              expect(s.delete(id)).toBe(true);
              expect(s.delete(id)).toBe(false);
              model = model.filter((x) => x !== id);
            } else {
              const probe = model.length ? model[o.n % model.length]! + (o.n % 3) - 1 : o.n;
              expect(s.rankLess(probe)).toBe(model.filter((x) => x < probe).length);
              expect(s.rankLessOrEqual(probe)).toBe(model.filter((x) => x <= probe).length);
              const start = model.length ? o.n % (model.length + 1) : 0;
              expect(s.slice(start, start + o.len)).toEqual(model.slice(start, start + o.len));
            }
            expect(s.size).toBe(model.length);
          }
          expect(s.toArray()).toEqual(model);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses out-of-order appends', () => {
    const s = new SortedIds();
    s.append(5);
    expect(() => s.append(5)).toThrow();
  });

  it('handles a million ids quickly', () => {
    const s = new SortedIds();
    const t = Date.now();
    for (let i = 1; i <= 1_000_000; i++) s.append(i);
    for (let i = 1; i <= 100_000; i += 2) s.delete(i);
    for (let k = 0; k < 2000; k++) {
      const start = s.rankLessOrEqual(k * 450);
      expect(s.slice(start, start + 250)).toHaveLength(250);
    }
    expect(Date.now() - t).toBeLessThan(3000);
  });
});

describe('cursors', () => {
  it('round-trip and are URL-safe', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (id) => {
        const c = encodeCursor(id);
        expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(c)).toBe(id);
      }),
    );
  });

  it('reject anything else without throwing', () => {
    fc.assert(fc.property(fc.string(), (s) => void decodeCursor(s)));
    for (const bad of [
      '',
      '!!',
      '123',
      Buffer.from('{"id":1}').toString('base64url'),
      Buffer.from('{"id":"-1"}').toString('base64url'),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe('limits', () => {
  it('caps and batch sizes per profile', () => {
    expect(inFlightCap('codegen', 'current')).toBe(10);
    expect(inFlightCap('codegen', 'legacy')).toBe(10);
    expect(inFlightCap('listCodes', 'current')).toBe(10);
    expect(inFlightCap('listCodes', 'legacy')).toBe(40);
    expect(inFlightCap('deleteCodes', 'current')).toBe(40);
    expect(inFlightCap('promotions', 'current')).toBe(40);
    expect(inFlightCap('findCode', 'current')).toBe(40);
    expect(inFlightCap('deleteCodeByCode', 'legacy')).toBe(40);
    expect(deleteBatchLimit('current')).toBe(250);
    expect(deleteBatchLimit('legacy')).toBe(50);
  });

  it('fixed windows reopen after windowMs', () => {
    const l = new StoreLimiter();
    expect(l.quotaExhausted(1000, 2, 100)).toBe(false);
    l.consume();
    l.consume();
    expect(l.quotaExhausted(1050, 2, 100)).toBe(true);
    expect(l.headers(1050, 2, 100)).toEqual({
      'X-Rate-Limit-Time-Window-Ms': '100',
      'X-Rate-Limit-Time-Reset-Ms': '50',
      'X-Rate-Limit-Requests-Quota': '2',
      'X-Rate-Limit-Requests-Left': '0',
    });
    expect(l.quotaExhausted(1100, 2, 100)).toBe(false);
    expect(l.headers(1100, 2, 100)['X-Rate-Limit-Requests-Left']).toBe('2');
  });
});

describe('CLI arguments', () => {
  it('defaults: port 8443, standard plan, current limits', () => {
    expect(parseCliArgs([], {})).toEqual({
      kind: 'run',
      options: { port: 8443, plan: 'standard', limits: 'current' },
    });
  });

  it('reads every flag, and env vars, with flags winning', () => {
    const r = parseCliArgs(
      [
        '--port',
        '9000',
        '--plan=pro',
        '--limits',
        'legacy',
        '--latency',
        '50',
        '--jitter',
        '5',
        '--faults-500',
        '0.1',
        '--faults-drop',
        '0.2',
        '--faults-429',
        '0.3',
        '--window-ms',
        '1000',
        '--seed-codes',
        '10',
      ],
      { SANDBOX_PORT: '1234', SANDBOX_PLAN: 'unlimited' },
    );
    expect(r).toEqual({
      kind: 'run',
      options: {
        port: 9000,
        plan: 'pro',
        limits: 'legacy',
        latencyMs: 50,
        jitterMs: 5,
        faults: { error500: 0.1, drop: 0.2, burst429: 0.3 },
        windowMs: 1000,
        seed: { bulkCodes: 10 },
      },
    });
    const env = parseCliArgs([], {
      SANDBOX_PORT: '1234',
      SANDBOX_PLAN: 'unlimited',
      SANDBOX_LIMITS: 'legacy',
      SANDBOX_LATENCY: '7',
      SANDBOX_JITTER: '1',
      SANDBOX_FAULTS_500: '0.5',
      SANDBOX_FAULTS_DROP: '0',
      SANDBOX_FAULTS_429: '1',
      SANDBOX_WINDOW_MS: '500',
      SANDBOX_SEED_CODES: '0',
    });
    expect(env).toEqual({
      kind: 'run',
      options: {
        port: 1234,
        plan: 'unlimited',
        limits: 'legacy',
        latencyMs: 7,
        jitterMs: 1,
        faults: { error500: 0.5, drop: 0, burst429: 1 },
        windowMs: 500,
        seed: { bulkCodes: 0 },
      },
    });
  });

  it('bad values and unknown flags are errors; --help is help', () => {
    for (const args of [
      ['--port', 'x'],
      ['--port', '70000'],
      ['--plan', 'gold'],
      ['--limits', 'old'],
      ['--latency', '-1'],
      ['--faults-500', '2'],
      ['--window-ms', '0'],
      ['--seed-codes', '1.5'],
      ['--bogus'],
      ['positional'],
    ]) {
      expect(parseCliArgs(args, {}).kind, args.join(' ')).toBe('error');
    }
    expect(parseCliArgs([], { SANDBOX_PLAN: 'gold' }).kind).toBe('error');
    expect(parseCliArgs(['--help'], {})).toEqual({ kind: 'help' });
  });
});
