/** Governor: pass-through, caps on requests in flight, throughput, quota pacing. */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CAPS, ENDPOINTS, type Endpoint, type StoreWait } from '../../utils/rate/contract';
import { createGovernor } from '../../utils/rate/governor';
import { defaultReserve } from '../../utils/rate/quota-window';
import { FakeStore } from './fake-store';
import { rateHeaders, respond, scripted, settle } from './helpers';

const UNLIMITED = 2_147_483_647;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('governor: answers', () => {
  it('returns 2xx and non-429 4xx responses as they are, once each', async () => {
    const gov = createGovernor();
    for (const status of [200, 201, 204, 400, 401, 404, 405, 422]) {
      const response = respond(status);
      const attempt = vi.fn(async () => response);
      await expect(gov.run('list', attempt, { idempotent: true })).resolves.toBe(response);
      expect(attempt).toHaveBeenCalledTimes(1);
    }
    expect(gov.snapshot().stats).toEqual({ requests: 8, status429: 0, retries: 0 });
  });

  it('rejects unknown endpoints and invalid options', async () => {
    const gov = createGovernor();
    await expect(
      gov.run('nope' as Endpoint, scripted(respond(200)), { idempotent: true }),
    ).rejects.toThrow(TypeError);
    expect(() => createGovernor({ caps: { list: 0 } })).toThrow(RangeError);
    expect(() => createGovernor({ maxRetries: -1 })).toThrow(RangeError);
    expect(() => createGovernor({ backoff: { baseMs: 0, maxMs: 10 } })).toThrow(RangeError);
  });

  it('snapshot starts empty with the default caps', () => {
    expect(createGovernor().snapshot()).toEqual({
      caps: { ...DEFAULT_CAPS },
      inFlight: { generate: 0, create: 0, list: 0, delete: 0, other: 0 },
      quota: null,
      windowMs: null,
      left: null,
      resetAt: null,
      spendable: null,
      pausedUntil: null,
      stats: { requests: 0, status429: 0, retries: 0 },
    });
    expect(DEFAULT_CAPS).toEqual({ generate: 10, create: 40, list: 10, delete: 40, other: 40 });
  });
});

describe('governor: caps on requests in flight', () => {
  it('property: never more in flight than the cap, and the cap is used in full', async () => {
    const caps = fc.record({
      generate: fc.integer({ min: 1, max: 6 }),
      create: fc.integer({ min: 1, max: 6 }),
      list: fc.integer({ min: 1, max: 6 }),
      delete: fc.integer({ min: 1, max: 6 }),
      other: fc.integer({ min: 1, max: 6 }),
    });
    const request = fc.record({
      endpoint: fc.constantFrom(...ENDPOINTS),
      latency: fc.integer({ min: 0, max: 50 }),
      delay: fc.integer({ min: 0, max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(
        caps,
        fc.array(request, { minLength: 1, maxLength: 60 }),
        async (caps, requests) => {
          const gov = createGovernor({ caps });
          const live = { generate: 0, create: 0, list: 0, delete: 0, other: 0 };
          const max = { generate: 0, create: 0, list: 0, delete: 0, other: 0 };
          const runs = requests.map(async ({ endpoint, latency, delay }) => {
            await wait(delay); // requests arrive over time, not all at once
            return gov.run(
              endpoint,
              async () => {
                live[endpoint]++;
                max[endpoint] = Math.max(max[endpoint], live[endpoint]);
                expect(gov.snapshot().inFlight[endpoint]).toBe(live[endpoint]);
                await wait(latency);
                live[endpoint]--;
                return respond(200);
              },
              { idempotent: true },
            );
          });
          await vi.runAllTimersAsync();
          await Promise.all(runs);
          for (const endpoint of ENDPOINTS) {
            expect(max[endpoint]).toBeLessThanOrEqual(caps[endpoint]);
            // Arriving together, requests fill the cap: the semaphore does not under-use it.
            const simultaneous = requests.filter(
              (r) => r.endpoint === endpoint && r.delay === 0,
            ).length;
            expect(max[endpoint]).toBeGreaterThanOrEqual(Math.min(simultaneous, caps[endpoint]));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('property: with random concurrency 429s, a request is only ever sent under the current cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            endpoint: fc.constantFrom(...ENDPOINTS),
            latency: fc.integer({ min: 1, max: 40 }),
            refusals: fc.integer({ min: 0, max: 2 }),
          }),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        async (requests) => {
          const gov = createGovernor({ caps: { generate: 5, list: 5, delete: 8, other: 8 } });
          const live = { generate: 0, create: 0, list: 0, delete: 0, other: 0 };
          let violations = 0;
          const runs = requests.map(({ endpoint, latency, refusals }) => {
            let tries = 0;
            return gov.run(
              endpoint,
              async () => {
                live[endpoint]++;
                if (live[endpoint] > gov.snapshot().caps[endpoint]) violations++;
                await wait(latency);
                live[endpoint]--;
                // A refusal for concurrency: headers with quota left, reset 0 (no long pause).
                return tries++ < refusals
                  ? respond(429, rateHeaders(100, 0, 1000, 1000))
                  : respond(200);
              },
              { idempotent: false },
            );
          });
          await vi.runAllTimersAsync();
          const responses = await Promise.all(runs);
          expect(responses.every((r) => r.status === 200)).toBe(true);
          expect(violations).toBe(0);
          for (const endpoint of ENDPOINTS)
            expect(gov.snapshot().caps[endpoint]).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runs at cap x latency when nothing else limits, with no timers of its own', async () => {
    const store = new FakeStore({
      quota: UNLIMITED,
      windowMs: 30_000,
      latencyMs: () => 100,
      caps: DEFAULT_CAPS,
    });
    const gov = createGovernor();
    const start = Date.now();
    const finished: Record<string, number> = {};
    const job = (endpoint: Endpoint, count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          gov.run(endpoint, store.attempt(endpoint), { idempotent: true }),
        ),
      ).then(() => (finished[endpoint] = Date.now() - start));
    const all = Promise.all([job('generate', 200), job('list', 100), job('delete', 400)]);
    await settle();
    // Only the store's own latency timers, one per request in flight: 10 + 10 + 40.
    expect(vi.getTimerCount()).toBe(60);
    await vi.runAllTimersAsync();
    await all;
    // 200 / 10 x 100 ms, 100 / 10 x 100 ms, 400 / 40 x 100 ms: not one millisecond lost.
    expect(finished).toEqual({ generate: 2000, list: 1000, delete: 1000 });
    expect(store.maxInFlight).toMatchObject({ generate: 10, list: 10, delete: 40 });
  });
});

describe('governor: quota pacing', () => {
  const Q = 150;
  const W = 30_000;
  const usable = Q - defaultReserve(Q); // 144

  it.each([
    ['response', 'first-request'],
    ['admission', 'first-request'],
    ['response', 'fixed'],
    ['admission', 'fixed'],
  ] as const)(
    'a burst of 3Q never spends more than Q - reserve per window and ends in about 3 windows (headers at %s, %s windows)',
    async (headersAt, windows) => {
      // Start away from a window boundary so that fixed windows do not line up with our first request.
      vi.setSystemTime(1_000_000 + 12_345);
      let seed = 7;
      const jitter = () => ((seed = (seed * 16807) % 2147483647) % 60) + 20; // 20..79 ms
      const store = new FakeStore({
        quota: Q,
        windowMs: W,
        caps: DEFAULT_CAPS,
        latencyMs: jitter,
        headersAt,
        windows,
      });
      const waits: Array<StoreWait | null> = [];
      const gov = createGovernor({ onWait: (w) => waits.push(w) });
      const start = Date.now();
      const endpoints: Endpoint[] = ['generate', 'list', 'delete'];
      const runs = Array.from({ length: 3 * Q }, (_, i) => {
        const endpoint = endpoints[i % 3]!;
        return gov.run(endpoint, store.attempt(endpoint), { idempotent: endpoint !== 'generate' });
      });
      await vi.runAllTimersAsync();
      const responses = await Promise.all(runs);
      const elapsed = Date.now() - start;

      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(store.quota429 + store.concurrency429).toBe(0);
      expect(store.maxPerWindow()).toBeLessThanOrEqual(usable);
      // 450 requests at up to 144 a window: three windows, then the fourth finishes the last few
      // within a few latencies. Fixed windows start at multiples of W, so the first one is short.
      const fourthWindow = windows === 'fixed' ? Math.ceil(start / W) * W + 2 * W : start + 3 * W;
      expect(elapsed).toBeGreaterThan(fourthWindow - start);
      expect(elapsed).toBeLessThan(fourthWindow - start + 500);
      expect(store.admittedPerWindow.size).toBe(4);
      // Every full window was used to the reserve (a window we fill is not left half empty).
      const counts = [...store.admittedPerWindow.values()];
      expect(counts.slice(1, -1).every((n) => n === usable)).toBe(true);
      // The holds were reported, and cleared at the end.
      expect(waits.some((w) => w?.kind === 'quota')).toBe(true);
      expect(waits.at(-1)).toBeNull();
      expect(gov.snapshot().inFlight).toEqual({
        generate: 0,
        create: 0,
        list: 0,
        delete: 0,
        other: 0,
      });
    },
  );

  it('leaves room for other apps: what they spend is taken off our share', async () => {
    const store = new FakeStore({
      quota: Q,
      windowMs: W,
      caps: DEFAULT_CAPS,
      latencyMs: () => 30,
      otherAppsPerWindow: 40,
    });
    const gov = createGovernor();
    const runs = Array.from({ length: 300 }, () =>
      gov.run('delete', store.attempt('delete'), { idempotent: true }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(runs);
    expect(store.quota429).toBe(0);
    expect(store.maxPerWindow()).toBeLessThanOrEqual(usable - 40);
  });

  it('holds every endpoint at the reserve until the window resets, then starts a new window with the full quota', async () => {
    const waits: Array<StoreWait | null> = [];
    const gov = createGovernor({ onWait: (w) => waits.push(w) });
    const t0 = Date.now();
    // The store says: 8 left of 150, refresh in 10 s. Reserve for 150 is 6.
    await gov.run('list', scripted(respond(200, rateHeaders(8, 10_000))), { idempotent: true });
    expect(gov.snapshot()).toMatchObject({
      quota: 150,
      left: 8,
      resetAt: t0 + 10_000,
      spendable: 2,
    });

    const plain = scripted(respond(200));
    const runs = ENDPOINTS.map((endpoint) => gov.run(endpoint, plain, { idempotent: true }));
    await settle();
    expect(plain.calls.length).toBe(2); // 8 -> 6: the reserve is reached
    expect(gov.snapshot()).toMatchObject({ left: 6, spendable: 0 });
    expect(waits).toEqual([{ kind: 'quota', untilMs: t0 + 10_000 }]);

    await vi.advanceTimersByTimeAsync(9_999);
    expect(plain.calls.length).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(runs);
    // Two went before the reserve was reached; the rest at the reset.
    const later = ENDPOINTS.length - 2;
    expect(plain.calls).toEqual([t0, t0, ...Array(later).fill(t0 + 10_000)]);
    // New window: full quota less those sent in it, ending a full window after its first request (no header yet).
    expect(gov.snapshot()).toMatchObject({
      quota: 150,
      left: 150 - later,
      resetAt: t0 + 10_000 + 30_000,
      spendable: 150 - later - 6,
    });
    expect(waits.at(-1)).toBeNull();
  });

  it('never trusts a stale header over a fresher lower figure in the same window', async () => {
    const gov = createGovernor();
    const t0 = Date.now();
    const answers: Array<(r: Response) => void> = [];
    const attempt = () => new Promise<Response>((resolve) => answers.push(resolve));
    const runs = [1, 2, 3].map(() => gov.run('other', attempt, { idempotent: true }));
    await settle();
    // The last sent answers first: 50 left.
    answers[2]!(respond(200, rateHeaders(50, 20_000)));
    await settle();
    expect(gov.snapshot().left).toBe(50);
    // Earlier requests answer late with higher, staler figures.
    answers[0]!(respond(200, rateHeaders(120, 20_010)));
    answers[1]!(respond(200, rateHeaders(60, 20_010)));
    await Promise.all(runs);
    expect(gov.snapshot()).toMatchObject({ left: 50, resetAt: t0 + 20_000 });
    // Each request sent counts down the estimate; a fresher, lower header brings it down further.
    await gov.run('other', scripted(respond(200, rateHeaders(30, 19_000))), { idempotent: true });
    expect(gov.snapshot().left).toBe(30);
    await gov.run('other', scripted(respond(200, rateHeaders(45, 18_000))), { idempotent: true });
    expect(gov.snapshot().left).toBe(29);
  });

  it('ignores headers that are missing or garbage (no pacing at all without figures)', async () => {
    const gov = createGovernor();
    await gov.run(
      'list',
      scripted(respond(200, { ...rateHeaders(3, 1000), 'X-Rate-Limit-Requests-Left': 'lots' })),
      { idempotent: true },
    );
    await gov.run('list', scripted(respond(200)), { idempotent: true });
    expect(gov.snapshot()).toMatchObject({ quota: null, left: null, resetAt: null });
    const attempt = scripted(respond(200));
    await Promise.all(
      Array.from({ length: 50 }, () => gov.run('delete', attempt, { idempotent: true })),
    );
    expect(attempt.calls.length).toBe(50);
  });

  it('honours a custom reserve, and always lets one request per window through', async () => {
    const gov = createGovernor({ reserve: () => 1_000 });
    await gov.run('list', scripted(respond(200, rateHeaders(3, 5_000, 10, 5_000))), {
      idempotent: true,
    });
    const attempt = scripted(respond(200));
    const run = gov.run('list', attempt, { idempotent: true });
    await settle();
    expect(attempt.calls.length).toBe(0); // 3 left <= min(1000, 10 - 1): held
    await vi.advanceTimersByTimeAsync(5_000);
    await run;
    expect(attempt.calls.length).toBe(1);
  });
});
