/** Governor: the finer points of queueing and of the quota estimate. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGovernor } from '../../utils/rate/governor';
import { deferred, rateHeaders, respond, scripted, settle } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('queueing', () => {
  it('a request that already holds a slot when a pause begins still waits for the pause', async () => {
    const gov = createGovernor({ caps: { list: 1 } });
    const t0 = Date.now();
    const refusal = deferred<Response>();
    const first = scripted(() => refusal.promise, respond(200));
    const firstRun = gov.run('list', first, { idempotent: true });
    const second = scripted(respond(200));
    const secondRun = gov.run('list', second, { idempotent: true });
    await settle();
    expect(second.calls).toEqual([]); // queued for the only slot
    // The first is refused: its slot goes to the second, which must not go out during the pause.
    // (Quota left: only the pause, not the quota estimate, holds it back.)
    refusal.resolve(respond(429, rateHeaders(100, 4_000)));
    await vi.advanceTimersByTimeAsync(3_999);
    expect(second.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([firstRun, secondRun]);
    expect(second.calls).toEqual([t0 + 4_000]);
    expect(first.calls).toEqual([t0, t0 + 4_000]);
  });

  it('a request sent back by a 429 re-queues ahead of those that have not had their turn yet', async () => {
    const gov = createGovernor({ caps: { generate: 1 } });
    const order: string[] = [];
    const named = (name: string, ...answers: Response[]) => {
      let i = 0;
      return async () => {
        order.push(name);
        return answers[Math.min(i++, answers.length - 1)]!.clone();
      };
    };
    const a = gov.run('generate', named('a', respond(429, rateHeaders(0, 1_000)), respond(201)), {
      idempotent: false,
    });
    const b = gov.run('generate', named('b', respond(201)), { idempotent: false });
    const c = gov.run('generate', named('c', respond(201)), { idempotent: false });
    await vi.runAllTimersAsync();
    await Promise.all([a, b, c]);
    // b had the slot after a's refusal; a goes next, before c.
    expect(order).toEqual(['a', 'b', 'a', 'c']);
  });

  it('cancelling a run that holds a slot while it waits for the quota frees the slot', async () => {
    const gov = createGovernor({ caps: { list: 1 } });
    const t0 = Date.now();
    await gov.run('list', scripted(respond(200, rateHeaders(6, 5_000))), { idempotent: true }); // at the reserve
    const controller = new AbortController();
    const cancelled = gov.run('list', scripted(respond(200)), {
      signal: controller.signal,
      idempotent: true,
    });
    const next = scripted(respond(200));
    const nextRun = gov.run('list', next, { idempotent: true });
    await settle();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(5_000);
    await nextRun;
    expect(next.calls).toEqual([t0 + 5_000]);
  });
});

describe('quota estimate', () => {
  it('wakes held requests early when an answer shows the window resets sooner', async () => {
    const gov = createGovernor();
    const t0 = Date.now();
    await gov.run('other', scripted(respond(200, rateHeaders(10, 20_000))), { idempotent: true });
    const hanging = Array.from({ length: 4 }, () => deferred<Response>());
    let i = 0;
    const runs = hanging.map(() =>
      gov.run('other', () => hanging[i++]!.promise, { idempotent: true }),
    );
    await settle();
    expect(gov.snapshot()).toMatchObject({ left: 6, resetAt: t0 + 20_000 }); // at the reserve
    const held = scripted(respond(200));
    const heldRun = gov.run('other', held, { idempotent: true });
    await vi.advanceTimersByTimeAsync(1_000);
    // The last one sent answers: the window really ends 4 s from now.
    hanging[3]!.resolve(respond(200, rateHeaders(2, 4_000)));
    await settle();
    expect(gov.snapshot()).toMatchObject({ left: 2, resetAt: t0 + 5_000 });
    await vi.advanceTimersByTimeAsync(4_000);
    await heldRun;
    expect(held.calls).toEqual([t0 + 5_000]);
    for (const h of hanging) h.resolve(respond(200));
    await Promise.all(runs);
  });

  it('ignores an answer to a request sent in a window that is over', async () => {
    const gov = createGovernor();
    const t0 = Date.now();
    const slow = deferred<Response>();
    const slowRun = gov.run('list', () => slow.promise, { idempotent: true });
    await gov.run('list', scripted(respond(200, rateHeaders(6, 1_000))), { idempotent: true });
    const next = scripted(respond(200));
    const nextRun = gov.run('list', next, { idempotent: true });
    await vi.advanceTimersByTimeAsync(1_000);
    await nextRun;
    // A new window opened with the full quota, less the one just sent.
    expect(gov.snapshot()).toMatchObject({ left: 149, resetAt: t0 + 31_000 });
    // The slow request from the old window answers with the old window's figures.
    slow.resolve(respond(200, rateHeaders(1, 0)));
    await slowRun;
    expect(gov.snapshot()).toMatchObject({ left: 149, resetAt: t0 + 31_000 });
  });

  it('starts afresh when a later request shows the store has moved on to a later window', async () => {
    const gov = createGovernor();
    const t0 = Date.now();
    await gov.run('list', scripted(respond(200, rateHeaders(8, 10_000))), { idempotent: true });
    expect(gov.snapshot()).toMatchObject({ left: 8, resetAt: t0 + 10_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    // Fresh figures of a window ending 29 s from now: not the window we thought we were in.
    await gov.run('list', scripted(respond(200, rateHeaders(140, 29_000))), { idempotent: true });
    expect(gov.snapshot()).toMatchObject({ left: 140, resetAt: t0 + 30_000 });
  });

  it('caps a first estimate by the requests already sent (a store may take the figure on admission)', async () => {
    const gov = createGovernor();
    const answers = Array.from({ length: 5 }, () => deferred<Response>());
    let i = 0;
    const runs = answers.map(() =>
      gov.run('delete', () => answers[i++]!.promise, { idempotent: true }),
    );
    await settle();
    // The first one's figure was taken when only it had been admitted.
    answers[0]!.resolve(respond(204, rateHeaders(9, 10_000, 10, 30_000)));
    await settle();
    expect(gov.snapshot().left).toBe(5); // 10 - 5 sent, not 9
    for (const a of answers.slice(1)) a.resolve(respond(204));
    await Promise.all(runs);
  });
});
