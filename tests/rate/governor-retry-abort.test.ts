/** Governor: retries of 5xx / network failures, ambiguous failures, cancellation, onWait. */
import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreWait } from '../../utils/rate/contract';
import { createGovernor } from '../../utils/rate/governor';
import { GovernorError } from '../../utils/rate/retry';
import { deferred, rateHeaders, respond, scripted, settle, stateOf } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const backoff = { baseMs: 1_000, maxMs: 60_000 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('retries (idempotent: true)', () => {
  it('retries a 500 with jittered, widening waits and reports them', async () => {
    const waits: Array<StoreWait | null> = [];
    const gov = createGovernor({ backoff, random: () => 0.5, onWait: (w) => waits.push(w) });
    const t0 = Date.now();
    const attempt = scripted(respond(500), respond(503), respond(200));
    const run = gov.run('list', attempt, { idempotent: true });
    await vi.runAllTimersAsync();
    await expect(run).resolves.toMatchObject({ status: 200 });
    expect(attempt.calls).toEqual([t0, t0 + 500, t0 + 1_500]);
    expect(gov.snapshot().stats).toEqual({ requests: 3, status429: 0, retries: 2 });
    expect(waits).toEqual([
      { kind: 'retrying', untilMs: t0 + 500, attempt: 1 },
      null,
      { kind: 'retrying', untilMs: t0 + 1_500, attempt: 2 },
      null,
    ]);
  });

  it('retries a network error (TypeError) and succeeds', async () => {
    const gov = createGovernor({ backoff, random: () => 0 });
    const attempt = scripted(new TypeError('fetch failed'), respond(200));
    const run = gov.run('delete', attempt, { idempotent: true });
    await vi.runAllTimersAsync();
    await expect(run).resolves.toMatchObject({ status: 200 });
    expect(attempt.calls.length).toBe(2);
  });

  it('gives up after maxRetries with a GovernorError carrying the last status', async () => {
    const gov = createGovernor({ backoff, random: () => 0.5, maxRetries: 3 });
    const attempt = scripted(respond(500), respond(502), respond(500), respond(504));
    const run = gov.run('list', attempt, { idempotent: true });
    const error = rejection(run);
    await vi.runAllTimersAsync();
    const e = await error;
    expect(e).toBeInstanceOf(GovernorError);
    expect(e).toMatchObject({
      name: 'GovernorError',
      kind: 'server',
      status: 504,
      ambiguous: false,
      attempts: 4,
    });
    expect(attempt.calls.length).toBe(4); // 1 + maxRetries, never more
    expect(gov.snapshot().stats.retries).toBe(3);
  });

  it('gives up as a server error when 5xx answers turned into failures without one (Chrome throttling)', async () => {
    const gov = createGovernor({ backoff, random: () => 0.1, maxRetries: 4 });
    const attempt = scripted(
      respond(503),
      respond(500),
      new TypeError('Failed to fetch'),
      new TypeError('Failed to fetch'),
      new TypeError('Failed to fetch'),
    );
    const error = rejection(gov.run('list', attempt, { idempotent: true }));
    await vi.runAllTimersAsync();
    expect(await error).toMatchObject({
      kind: 'server',
      status: 500,
      ambiguous: false,
      attempts: 5,
    });

    // A run resumed soon after sees only failures without an answer: still the store's 500.
    const again = rejection(
      gov.run('list', scripted(new TypeError('Failed to fetch')), { idempotent: true }),
    );
    await vi.runAllTimersAsync();
    expect(await again).toMatchObject({ kind: 'server', status: 500, ambiguous: false });

    // A quarter of an hour later, such failures are the network's again.
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    const later = rejection(
      gov.run('list', scripted(new TypeError('Failed to fetch')), { idempotent: true }),
    );
    await vi.runAllTimersAsync();
    expect(await later).toMatchObject({ kind: 'network', ambiguous: false });
  });

  it('gives up on repeated network errors with kind network and the error as cause', async () => {
    const gov = createGovernor({ backoff, random: () => 0.1 });
    const failure = new TypeError('network down');
    const attempt = scripted(failure);
    const error = rejection(gov.run('other', attempt, { idempotent: true }));
    await vi.runAllTimersAsync();
    const e = await error;
    expect(e).toBeInstanceOf(GovernorError);
    expect(e).toMatchObject({ kind: 'network', ambiguous: false, attempts: 6 });
    expect((e as GovernorError).status).toBeUndefined();
    expect((e as GovernorError).cause).toBe(failure);
    expect(attempt.calls.length).toBe(6); // default maxRetries 5
  });

  it('maxRetries 0 means a single try', async () => {
    const gov = createGovernor({ maxRetries: 0 });
    const attempt = scripted(respond(500));
    await expect(gov.run('list', attempt, { idempotent: true })).rejects.toMatchObject({
      kind: 'server',
      ambiguous: false,
      attempts: 1,
    });
    expect(attempt.calls.length).toBe(1);
  });

  it('does not hold other requests during a retry wait', async () => {
    const gov = createGovernor({ backoff, random: () => 0.5 });
    const t0 = Date.now();
    const failing = scripted(respond(500), respond(200));
    const failingRun = gov.run('list', failing, { idempotent: true });
    await settle();
    const other = scripted(respond(200));
    await gov.run('list', other, { idempotent: true });
    expect(other.calls).toEqual([t0]);
    await vi.runAllTimersAsync();
    await failingRun;
  });
});

describe('no blind retries (idempotent: false)', () => {
  it('a 500 is thrown at once as ambiguous', async () => {
    const gov = createGovernor();
    const attempt = scripted(respond(500), respond(201));
    const e = await rejection(gov.run('generate', attempt, { idempotent: false }));
    expect(e).toBeInstanceOf(GovernorError);
    expect(e).toMatchObject({ kind: 'server', status: 500, ambiguous: true, attempts: 1 });
    expect(attempt.calls.length).toBe(1);
    expect(gov.snapshot().stats.retries).toBe(0);
  });

  it('a network error is thrown at once as ambiguous', async () => {
    const gov = createGovernor();
    const failure = new TypeError('connection reset');
    const attempt = scripted(failure, respond(201));
    const e = await rejection(gov.run('generate', attempt, { idempotent: false }));
    expect(e).toMatchObject({ kind: 'network', ambiguous: true, attempts: 1 });
    expect((e as GovernorError).cause).toBe(failure);
    expect(attempt.calls.length).toBe(1);
  });

  it('a 429 is still retried: the request was not processed', async () => {
    const gov = createGovernor();
    const attempt = scripted(respond(429, rateHeaders(0, 1_000)), respond(201));
    const run = gov.run('generate', attempt, { idempotent: false });
    await vi.runAllTimersAsync();
    await expect(run).resolves.toMatchObject({ status: 201 });
    expect(attempt.calls.length).toBe(2);
  });

  it("an AbortError from the attempt itself (not the run's signal) is passed on, not retried", async () => {
    const gov = createGovernor();
    const own = new DOMException('timed out by caller', 'AbortError');
    const attempt = scripted(own, respond(200));
    await expect(gov.run('list', attempt, { idempotent: true })).rejects.toBe(own);
    expect(attempt.calls.length).toBe(1);
  });
});

describe('cancellation', () => {
  it('an already aborted signal rejects at once without trying', async () => {
    const gov = createGovernor();
    const attempt = scripted(respond(200));
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(
      gov.run('list', attempt, { signal: controller.signal, idempotent: true }),
    );
    expect(e).toBe(controller.signal.reason);
    expect(e).toMatchObject({ name: 'AbortError' });
    expect(attempt.calls.length).toBe(0);
  });

  it('abort while waiting for the quota rejects at once; the others still go at the reset', async () => {
    const gov = createGovernor();
    await gov.run('list', scripted(respond(200, rateHeaders(6, 10_000))), { idempotent: true }); // at the reserve
    const attempt = scripted(respond(200));
    const controller = new AbortController();
    const cancelled = gov.run('list', attempt, { signal: controller.signal, idempotent: true });
    const kept = gov.run('delete', attempt, { idempotent: true });
    await settle();
    expect(await stateOf(cancelled)).toBe('pending');
    controller.abort();
    // No time passes: rejected promptly.
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempt.calls.length).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    await kept;
    expect(attempt.calls.length).toBe(1);
    expect(gov.snapshot().inFlight).toEqual({
      generate: 0,
      create: 0,
      list: 0,
      delete: 0,
      other: 0,
    });
  });

  it('abort while waiting for a slot rejects at once and gives up its place', async () => {
    const gov = createGovernor({ caps: { generate: 1 } });
    const first = deferred<Response>();
    const firstRun = gov.run('generate', () => first.promise, { idempotent: false });
    const controller = new AbortController();
    const cancelledAttempt = scripted(respond(201));
    const cancelled = gov.run('generate', cancelledAttempt, {
      signal: controller.signal,
      idempotent: false,
    });
    const third = scripted(respond(201));
    const thirdRun = gov.run('generate', third, { idempotent: false });
    await settle();
    controller.abort(new Error('job cancelled'));
    await expect(cancelled).rejects.toThrow('job cancelled');
    first.resolve(respond(201));
    await Promise.all([firstRun, thirdRun]);
    expect(cancelledAttempt.calls.length).toBe(0);
    expect(third.calls.length).toBe(1);
  });

  it('abort while paused after a 429 rejects at once', async () => {
    const gov = createGovernor();
    const attempt = scripted(respond(429, rateHeaders(0, 30_000)), respond(200));
    const controller = new AbortController();
    const run = gov.run('list', attempt, { signal: controller.signal, idempotent: true });
    await settle();
    expect(gov.snapshot().pausedUntil).not.toBeNull();
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempt.calls.length).toBe(1);
  });

  it('abort during a retry wait rejects at once', async () => {
    const gov = createGovernor({ backoff, random: () => 0.9 });
    const attempt = scripted(respond(500), respond(200));
    const controller = new AbortController();
    const run = gov.run('list', attempt, { signal: controller.signal, idempotent: true });
    await settle();
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await vi.runAllTimersAsync();
    expect(attempt.calls.length).toBe(1);
  });

  it('abort during the attempt aborts its signal and rejects with the reason', async () => {
    const gov = createGovernor();
    let seen: AbortSignal | undefined;
    const attempt = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<Response>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    };
    const controller = new AbortController();
    const run = gov.run('delete', attempt, { signal: controller.signal, idempotent: true });
    await settle();
    expect(seen?.aborted).toBe(false);
    const reason = new DOMException('cancelled', 'AbortError');
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(seen?.aborted).toBe(true);
    await settle();
    expect(gov.snapshot().inFlight.delete).toBe(0);
    expect(gov.snapshot().stats.retries).toBe(0);
  });

  it('an attempt that ignores its signal: the run still rejects at once, but the slot is held until the request ends', async () => {
    const gov = createGovernor({ caps: { list: 1 } });
    const stubborn = deferred<Response>();
    const controller = new AbortController();
    const run = gov.run('list', () => stubborn.promise, {
      signal: controller.signal,
      idempotent: true,
    });
    await settle();
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const next = scripted(respond(200));
    const nextRun = gov.run('list', next, { idempotent: true });
    await settle();
    // The store still counts the first request in flight: the cap of 1 is respected.
    expect(gov.snapshot().inFlight.list).toBe(1);
    expect(next.calls.length).toBe(0);
    // Its answer still teaches the governor about the store.
    stubborn.resolve(respond(200, rateHeaders(100, 9_000)));
    await nextRun;
    expect(next.calls.length).toBe(1);
    expect(gov.snapshot().quota).toBe(150);
  });

  it('one signal shared by many runs leaves no listeners behind', async () => {
    const gov = createGovernor();
    const controller = new AbortController();
    setMaxListeners(500, controller.signal); // 100 runs at once legitimately listen to it
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const attempt = scripted(respond(200));
    await Promise.all(
      Array.from({ length: 100 }, () =>
        gov.run('delete', attempt, { signal: controller.signal, idempotent: true }),
      ),
    );
    expect(add.mock.calls.length).toBeGreaterThan(0);
    expect(remove.mock.calls.length).toBe(add.mock.calls.length);
  });
});

describe('onWait', () => {
  it('clears when the only waiting run is cancelled', async () => {
    const waits: Array<StoreWait | null> = [];
    const gov = createGovernor({ onWait: (w) => waits.push(w) });
    const t0 = Date.now();
    await gov.run('list', scripted(respond(200, rateHeaders(6, 10_000))), { idempotent: true });
    const controller = new AbortController();
    const run = gov.run('list', scripted(respond(200)), {
      signal: controller.signal,
      idempotent: true,
    });
    await settle();
    expect(waits).toEqual([{ kind: 'quota', untilMs: t0 + 10_000 }]);
    controller.abort();
    await run.catch(() => undefined);
    expect(waits).toEqual([{ kind: 'quota', untilMs: t0 + 10_000 }, null]);
  });

  it('reports each change once, not once per waiting request', async () => {
    const waits: Array<StoreWait | null> = [];
    const gov = createGovernor({ onWait: (w) => waits.push(w) });
    const t0 = Date.now();
    const first = scripted(respond(429, rateHeaders(3, 2_000)), respond(200));
    const runs = [gov.run('list', first, { idempotent: true })];
    await settle();
    const plain = scripted(respond(200));
    for (let i = 0; i < 20; i++) runs.push(gov.run('other', plain, { idempotent: true }));
    await vi.runAllTimersAsync();
    await Promise.all(runs);
    expect(waits).toEqual([{ kind: 'rate-limited', untilMs: t0 + 2_000 }, null]);
  });

  it('a throwing onWait does not break the requests it reports on', async () => {
    const gov = createGovernor({
      backoff,
      random: () => 0.5,
      onWait: () => {
        throw new Error('UI gone');
      },
    });
    const run = gov.run('list', scripted(respond(500), respond(200)), { idempotent: true });
    await vi.runAllTimersAsync();
    await expect(run).resolves.toMatchObject({ status: 200 });
  });
});
