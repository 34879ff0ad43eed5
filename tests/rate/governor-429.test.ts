/** Governor: what it does on 429s, with and without rate-limit headers. */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CAPS, ENDPOINTS, type StoreWait } from '../../utils/rate/contract';
import { createGovernor } from '../../utils/rate/governor';
import { FakeStore } from './fake-store';
import { deferred, randomFrom, rateHeaders, respond, scripted, settle, stateOf } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('429 with rate-limit headers', () => {
  it('quota spent: pauses ALL endpoints for Reset-Ms with one timer, rejects nothing, then resumes', async () => {
    const waits: Array<StoreWait | null> = [];
    const gov = createGovernor({ onWait: (w) => waits.push(w) });
    const t0 = Date.now();
    const list = scripted(respond(429, rateHeaders(0, 5_000)), respond(200));
    const listRun = gov.run('list', list, { idempotent: false });
    await settle();
    expect(gov.snapshot()).toMatchObject({
      pausedUntil: t0 + 5_000,
      left: 0,
      stats: { status429: 1 },
    });

    const others = scripted(respond(200));
    const runs = ENDPOINTS.flatMap((endpoint) =>
      [1, 2, 3].map(() => gov.run(endpoint, others, { idempotent: false })),
    );
    await settle();
    // Every run waits (three per endpoint, and the first), on a single timer.
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(others.calls).toEqual([]);
    expect(list.calls).toEqual([t0]);
    expect(await stateOf(listRun)).toBe('pending');

    await vi.advanceTimersByTimeAsync(1);
    const responses = await Promise.all([listRun, ...runs]);
    expect(responses.map((r) => r.status)).toEqual(Array(ENDPOINTS.length * 3 + 1).fill(200));
    expect(list.calls).toEqual([t0, t0 + 5_000]);
    expect(others.calls).toEqual(Array(ENDPOINTS.length * 3).fill(t0 + 5_000));
    expect(waits).toEqual([{ kind: 'rate-limited', untilMs: t0 + 5_000 }, null]);
    // The quota was spent, not a cap exceeded: caps stay as they were.
    expect(gov.snapshot().caps).toEqual(DEFAULT_CAPS);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('quota left > 0: a concurrency cap; lowers that cap to in-flight - 1 and pauses the store', async () => {
    const gov = createGovernor();
    const t0 = Date.now();
    const hanging = Array.from({ length: 6 }, () => deferred<Response>());
    const runs = hanging.map((d) => gov.run('generate', () => d.promise, { idempotent: false }));
    const refused = scripted(respond(429, rateHeaders(100, 2_000)), respond(201));
    const refusedRun = gov.run('generate', refused, { idempotent: false });
    await settle();
    // 7 were in flight when it was refused: the cap becomes 6.
    expect(gov.snapshot()).toMatchObject({
      caps: { ...DEFAULT_CAPS, generate: 6 },
      pausedUntil: t0 + 2_000,
    });
    expect(gov.snapshot().inFlight.generate).toBe(6);

    const listing = scripted(respond(200));
    const listRun = gov.run('list', listing, { idempotent: true });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(listing.calls).toEqual([]);
    expect(refused.calls).toEqual([t0]);

    // At the end of the pause, the refused request waits for a slot under the new cap (6 held).
    await vi.advanceTimersByTimeAsync(1);
    expect(listing.calls).toEqual([t0 + 2_000]);
    expect(refused.calls).toEqual([t0]);
    hanging[0]!.resolve(respond(201));
    await settle();
    expect(refused.calls).toEqual([t0, t0 + 2_000]);
    for (const d of hanging.slice(1)) d.resolve(respond(201));
    const all = await Promise.all([...runs, refusedRun, listRun]);
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 200]);
  });

  it('adapts to a store enforcing a lower cap than the default, and then stops hitting it', async () => {
    const store = new FakeStore({
      quota: 100_000,
      windowMs: 1_000,
      caps: { generate: 4, list: 10 },
      latencyMs: () => 100,
    });
    const gov = createGovernor();
    const runs = Array.from({ length: 60 }, () =>
      gov.run('generate', store.attempt('generate'), { idempotent: false }),
    );
    await vi.runAllTimersAsync();
    const responses = await Promise.all(runs);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(store.admitted).toBe(60);
    const cap = gov.snapshot().caps.generate;
    expect(cap).toBeGreaterThanOrEqual(1);
    expect(cap).toBeLessThanOrEqual(4);
    // Only the first burst (10 sent, 4 admitted) was refused: never again once adapted.
    expect(store.concurrency429).toBe(6);
    expect(gov.snapshot().stats.status429).toBe(6);
  });

  it('never lowers a cap below 1, and never raises one', async () => {
    const gov = createGovernor({ caps: { delete: 3 } });
    const attempt = scripted(
      respond(429, rateHeaders(10, 0)),
      respond(429, rateHeaders(10, 0)),
      respond(429, rateHeaders(10, 0)),
      respond(204),
    );
    await expect(gov.run('delete', attempt, { idempotent: true })).resolves.toMatchObject({
      status: 204,
    });
    expect(attempt.calls.length).toBe(4);
    expect(gov.snapshot().caps.delete).toBe(1);
    const more = scripted(respond(204));
    await Promise.all([1, 2, 3].map(() => gov.run('delete', more, { idempotent: true })));
    expect(gov.snapshot().caps.delete).toBe(1);
  });
});

describe('429 without headers (platform load)', () => {
  const backoff = { baseMs: 1_000, maxMs: 20_000 };

  it('backs off store-wide with waits that widen: 0.5 x 1 s, 2 s, 4 s, 8 s, 16 s, then capped at 20 s', async () => {
    const waits: Array<StoreWait | null> = [];
    const gov = createGovernor({ backoff, random: () => 0.5, onWait: (w) => waits.push(w) });
    const attempt = scripted(...Array.from({ length: 7 }, () => respond(429)), respond(200));
    const run = gov.run('list', attempt, { idempotent: false });
    await vi.runAllTimersAsync();
    await expect(run).resolves.toMatchObject({ status: 200 });
    const gaps = attempt.calls.slice(1).map((t, i) => t - attempt.calls[i]!);
    expect(gaps).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(gov.snapshot().stats.status429).toBe(7);
    expect(waits.filter((w) => w !== null).map((w) => w!.kind)).toEqual(
      Array(7).fill('platform-busy'),
    );
    expect(waits.at(-1)).toBeNull();
  });

  it('property: each wait is full jitter in [0, min(max, base x 2^n)), exactly random x ceiling', async () => {
    const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
    await fc.assert(
      fc.asyncProperty(fc.array(unit, { minLength: 1, maxLength: 8 }), async (randoms) => {
        const gov = createGovernor({ backoff, random: randomFrom(randoms) });
        const attempt = scripted(...randoms.map(() => respond(429)), respond(200));
        const run = gov.run('other', attempt, { idempotent: true });
        await vi.runAllTimersAsync();
        await run;
        const gaps = attempt.calls.slice(1).map((t, i) => t - attempt.calls[i]!);
        expect(gaps.length).toBe(randoms.length);
        gaps.forEach((gap, n) => {
          const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** n);
          expect(gap).toBe(Math.floor(randoms[n]! * ceiling));
          expect(gap).toBeGreaterThanOrEqual(0);
          expect(gap).toBeLessThan(ceiling);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('holds every endpoint during the backoff, and a success resets the widening', async () => {
    const gov = createGovernor({ backoff, random: () => 0.99 });
    const t0 = Date.now();
    const first = scripted(respond(429), respond(429), respond(200));
    const firstRun = gov.run('list', first, { idempotent: true });
    await settle();
    const other = scripted(respond(200));
    const otherRun = gov.run('delete', other, { idempotent: true });
    await vi.advanceTimersByTimeAsync(989);
    expect(other.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await otherRun;
    expect(other.calls).toEqual([t0 + 990]);
    await vi.runAllTimersAsync();
    await firstRun;
    expect(first.calls).toEqual([t0, t0 + 990, t0 + 990 + 1_980]);

    // Recovered: the next episode starts again from the base.
    const t1 = Date.now();
    const again = scripted(respond(429), respond(200));
    const againRun = gov.run('list', again, { idempotent: true });
    await vi.runAllTimersAsync();
    await againRun;
    expect(again.calls).toEqual([t1, t1 + 990]);
  });

  it('many refusals of requests already in flight count as one episode: widened once', async () => {
    const gov = createGovernor({ backoff, random: () => 0.5 });
    const t0 = Date.now();
    const answers = Array.from({ length: 5 }, () => deferred<Response>());
    let call = 0;
    const calls: number[] = [];
    const attempt = () => {
      calls.push(Date.now());
      const i = call++;
      return i < 5 ? answers[i]!.promise : Promise.resolve(i === 5 ? respond(429) : respond(200));
    };
    const runs = answers.map(() => gov.run('delete', attempt, { idempotent: true }));
    await settle();
    for (const a of answers) a.resolve(respond(429));
    await settle();
    // One step: 0.5 x 1 s, not five widening steps.
    expect(gov.snapshot().pausedUntil).toBe(t0 + 500);
    await vi.advanceTimersByTimeAsync(500);
    // Five re-sent at once; the first of them refused again, sent after the backoff began: a second step (0.5 x 2 s).
    expect(gov.snapshot().pausedUntil).toBe(t0 + 500 + 1_000);
    await vi.runAllTimersAsync();
    const responses = await Promise.all(runs);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(calls.slice(5)).toEqual([t0 + 500, t0 + 500, t0 + 500, t0 + 500, t0 + 500, t0 + 1_500]);
  });
});
