/** Governor against a store that names absurd waits or never lets a request through. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_WAIT_MS } from '../../utils/rate/contract';
import { createGovernor } from '../../utils/rate/governor';
import { DEFAULT_TROUBLE_BUDGET_MS, GovernorError } from '../../utils/rate/retry';
import { rateHeaders, respond, scripted, settle } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an absurd X-Rate-Limit-Time-Reset-Ms', () => {
  it('a 429 naming a wait of 30 years pauses the store 60 s at most, then asks again', async () => {
    const gov = createGovernor();
    const t0 = Date.now();
    const absurd = rateHeaders(0, 1e12, 150, 1e12);
    const attempt = scripted(respond(429, absurd), respond(200, rateHeaders(149, 29_000)));
    const run = gov.run('list', attempt, { idempotent: true });
    await settle();
    expect(gov.snapshot().pausedUntil).toBe(t0 + MAX_WAIT_MS);
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect((await run).status).toBe(200);
    expect(attempt.calls).toEqual([t0, t0 + MAX_WAIT_MS]);
  });

  it('a quota window said to end in 30 years holds requests 60 s at most', async () => {
    const gov = createGovernor();
    const t0 = Date.now();
    // Spent quota with an absurd reset: the next request waits for the window, capped.
    const first = scripted(respond(200, rateHeaders(0, 1e12, 150, 1e12)));
    await gov.run('list', first, { idempotent: true });
    const next = scripted(respond(200, rateHeaders(149, 29_000)));
    const run = gov.run('list', next, { idempotent: true });
    await settle();
    expect(gov.snapshot().resetAt).toBe(t0 + MAX_WAIT_MS);
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect((await run).status).toBe(200);
    expect(next.calls).toEqual([t0 + MAX_WAIT_MS]);
  });
});

describe('429s for ever', () => {
  it('give up after the time budget with a rate-limited GovernorError, not spinning', async () => {
    const gov = createGovernor({ troubleBudgetMs: 10_000 });
    const attempt = scripted(respond(429, rateHeaders(5, 1_000)));
    const run = gov.run('list', attempt, { idempotent: true });
    const outcome = run.then(
      () => null,
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(12_000);
    const e = await outcome;
    expect(e).toBeInstanceOf(GovernorError);
    expect(e).toMatchObject({ kind: 'rate-limited', ambiguous: false });
    // About one try a second while the budget lasted, then nothing.
    expect(attempt.calls.length).toBeGreaterThanOrEqual(9);
    expect(attempt.calls.length).toBeLessThanOrEqual(12);
    const tries = attempt.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt.calls.length).toBe(tries);
  });

  it('server errors stop at the budget too, even with retries left', async () => {
    const gov = createGovernor({
      troubleBudgetMs: 3_000,
      maxRetries: 1000,
      backoff: { baseMs: 1_000, maxMs: 1_000 },
      random: () => 0.99,
    });
    const attempt = scripted(respond(503));
    const outcome = gov.run('list', attempt, { idempotent: true }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await outcome).toMatchObject({ kind: 'server', status: 503 });
    expect(attempt.calls.length).toBeLessThanOrEqual(5);
  });

  it('the default budget is five minutes', () => {
    expect(DEFAULT_TROUBLE_BUDGET_MS).toBe(300_000);
  });
});
