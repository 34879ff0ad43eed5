/** The quota window estimate on its own: plain numbers for time and request numbers, no timers. */
import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS } from '../../utils/rate/contract';
import type { RateInfo } from '../../utils/rate/headers';
import { defaultReserve, QuotaWindow } from '../../utils/rate/quota-window';

const T0 = 1_000_000;

function info(left: number, resetMs: number, quota = 150, windowMs = 30_000): RateInfo {
  return { left, resetMs, quota, windowMs };
}

/** Sends requests numbered from+1 .. to, in order. */
function sendUpTo(q: QuotaWindow, from: number, to: number): void {
  for (let seq = from + 1; seq <= to; seq++) q.spend(seq);
}

describe('defaultReserve', () => {
  it('keeps 4 % of the quota for other apps, at least 2', () => {
    expect(defaultReserve(150)).toBe(6);
    expect(defaultReserve(450)).toBe(18);
    expect(defaultReserve(10)).toBe(2);
    expect(defaultReserve(1)).toBe(2);
  });
});

describe('before any figures', () => {
  it('holds nothing back and reports no figures', () => {
    const q = new QuotaWindow();
    sendUpTo(q, 0, 500);
    expect(q.holdBeforeSend(T0)).toBeNull();
    expect(q.heldUntil(T0)).toBe(-Infinity);
    expect(q.snapshot(T0)).toEqual({
      quota: null,
      windowMs: null,
      left: null,
      resetAt: null,
      spendable: null,
    });
  });
});

describe('within a window', () => {
  it('counts every request sent', () => {
    const q = new QuotaWindow();
    q.spend(1);
    q.absorb(info(100, 10_000), 1, T0);
    sendUpTo(q, 1, 4);
    expect(q.snapshot(T0)).toMatchObject({ left: 97, resetAt: T0 + 10_000, spendable: 91 });
  });

  it('absorb lowers the estimate but never raises it', () => {
    const q = new QuotaWindow();
    sendUpTo(q, 0, 3);
    // The last sent answers first: 50 left.
    q.absorb(info(50, 20_000), 3, T0);
    expect(q.snapshot(T0).left).toBe(50);
    // Earlier requests answer late with higher, staler figures: ignored.
    q.absorb(info(120, 20_010), 1, T0);
    q.absorb(info(60, 20_010), 2, T0);
    expect(q.snapshot(T0)).toMatchObject({ left: 50, resetAt: T0 + 20_000 });
    // A fresher, lower figure (other apps spent quota) brings it down.
    q.spend(4);
    q.absorb(info(30, 19_000), 4, T0 + 1_000);
    expect(q.snapshot(T0 + 1_000).left).toBe(30);
    // A higher one does not bring it back up; our own request still counts.
    q.spend(5);
    q.absorb(info(45, 18_000), 5, T0 + 2_000);
    expect(q.snapshot(T0 + 2_000).left).toBe(29);
  });

  it('takes the reset time from the latest-sent request that reported one', () => {
    const q = new QuotaWindow();
    sendUpTo(q, 0, 5);
    q.absorb(info(10, 20_000), 1, T0);
    q.absorb(info(10, 4_000), 5, T0 + 1_000);
    expect(q.snapshot(T0 + 1_000).resetAt).toBe(T0 + 5_000);
    // An answer to an earlier request arriving later does not move it back.
    q.absorb(info(10, 19_000), 3, T0 + 1_500);
    expect(q.snapshot(T0 + 1_500).resetAt).toBe(T0 + 5_000);
  });

  it('caps a first estimate by the requests already sent (a store may take the figure on admission)', () => {
    const q = new QuotaWindow();
    sendUpTo(q, 0, 5);
    q.absorb(info(9, 10_000, 10, 30_000), 1, T0);
    expect(q.snapshot(T0).left).toBe(5); // 10 - 5 sent, not 9
  });
});

describe('the reserve', () => {
  it('holds sends once the requests left are down to the reserve, until the window refreshes', () => {
    const q = new QuotaWindow();
    q.spend(1);
    q.absorb(info(8, 10_000), 1, T0); // reserve for 150 is 6
    expect(q.snapshot(T0)).toMatchObject({
      quota: 150,
      left: 8,
      resetAt: T0 + 10_000,
      spendable: 2,
    });
    expect(q.holdBeforeSend(T0)).toBeNull();
    q.spend(2);
    expect(q.holdBeforeSend(T0)).toBeNull();
    q.spend(3);
    expect(q.snapshot(T0)).toMatchObject({ left: 6, spendable: 0 });
    expect(q.holdBeforeSend(T0)).toBe(T0 + 10_000);
    expect(q.heldUntil(T0 + 9_999)).toBe(T0 + 10_000);
  });

  it('honours a custom reserve, made whole and never negative', () => {
    const fractional = new QuotaWindow(() => 2.1);
    fractional.spend(1);
    fractional.absorb(info(3, 5_000, 10), 1, T0);
    expect(fractional.holdBeforeSend(T0)).toBe(T0 + 5_000); // 3 <= ceil(2.1)

    const negative = new QuotaWindow(() => -5);
    negative.spend(1);
    negative.absorb(info(1, 5_000, 10), 1, T0);
    expect(negative.holdBeforeSend(T0)).toBeNull(); // reserve 0: the last request may go
    negative.spend(2);
    expect(negative.holdBeforeSend(T0)).toBe(T0 + 5_000);
  });

  it('falls back to the default reserve when a custom one is not a number', () => {
    for (const broken of [Number.NaN, Infinity]) {
      const q = new QuotaWindow(() => broken);
      q.spend(1);
      q.absorb(info(7, 5_000), 1, T0);
      expect(q.holdBeforeSend(T0)).toBeNull(); // 7 > 6
      q.spend(2);
      expect(q.holdBeforeSend(T0)).toBe(T0 + 5_000);
    }
  });

  it('never blocks the last request of a window, whatever the reserve asks', () => {
    const q = new QuotaWindow(() => 1_000);
    q.spend(1);
    q.absorb(info(3, 5_000, 10, 5_000), 1, T0);
    expect(q.holdBeforeSend(T0)).toBe(T0 + 5_000); // 3 <= min(1000, 10 - 1)
    // The new window has its full quota: one request goes.
    expect(q.holdBeforeSend(T0 + 5_000)).toBeNull();
    q.spend(2);
    expect(q.holdBeforeSend(T0 + 5_000)).toBe(T0 + 10_000);

    // A quota of 1: its one request per window still goes.
    const single = new QuotaWindow(() => 1_000);
    single.spend(1);
    single.absorb(info(0, 5_000, 1), 1, T0);
    expect(single.holdBeforeSend(T0)).toBe(T0 + 5_000);
    expect(single.holdBeforeSend(T0 + 5_000)).toBeNull();
    expect(single.snapshot(T0 + 5_000).spendable).toBe(1);
    single.spend(2);
    expect(single.holdBeforeSend(T0 + 5_000)).toBe(T0 + 35_000);
  });
});

describe('a later window', () => {
  it('opens with the full quota when ours is over, ending a full window after its first request', () => {
    const q = new QuotaWindow();
    q.spend(1);
    q.absorb(info(6, 10_000), 1, T0);
    // Pure: looking does not open the new window.
    expect(q.heldUntil(T0 + 10_000)).toBe(-Infinity);
    expect(q.snapshot(T0 + 10_000)).toMatchObject({
      quota: 150,
      left: 150,
      resetAt: null,
      spendable: 144,
    });
    expect(q.holdBeforeSend(T0 + 12_000)).toBeNull();
    q.spend(2);
    expect(q.snapshot(T0 + 12_000)).toMatchObject({ left: 149, resetAt: T0 + 12_000 + 30_000 });
  });

  it('replaces the estimate when a later request shows the store has moved on to a later window', () => {
    const q = new QuotaWindow();
    q.spend(1);
    q.absorb(info(8, 10_000), 1, T0);
    expect(q.snapshot(T0)).toMatchObject({ left: 8, resetAt: T0 + 10_000 });
    // Fresh figures of a window ending 29 s from now: not the window we thought we were in.
    q.spend(2);
    q.absorb(info(140, 29_000), 2, T0 + 1_000);
    expect(q.snapshot(T0 + 1_000)).toMatchObject({ left: 140, resetAt: T0 + 30_000 });
  });

  it('caps the new estimate by our requests that may be in it, and ignores older answers from then on', () => {
    const q = new QuotaWindow();
    sendUpTo(q, 0, 2);
    q.absorb(info(100, 5_000), 1, T0);
    sendUpTo(q, 2, 6);
    // Request 4 shows a new window: requests 4, 5 and 6 may all be in it.
    q.absorb(info(149, 29_000), 4, T0 + 1_000);
    expect(q.snapshot(T0 + 1_000)).toMatchObject({ left: 147, resetAt: T0 + 30_000 });
    // Request 3 was sent before it: its figures may describe the older window.
    q.absorb(info(20, 4_000), 3, T0 + 1_000);
    expect(q.snapshot(T0 + 1_000)).toMatchObject({ left: 147, resetAt: T0 + 30_000 });
    // Request 5 was sent after: believed.
    q.absorb(info(120, 28_900), 5, T0 + 1_100);
    expect(q.snapshot(T0 + 1_100)).toMatchObject({ left: 120, resetAt: T0 + 30_000 });
  });

  it('ignores an answer to a request sent in a window that is over', () => {
    const q = new QuotaWindow();
    q.spend(1); // slow: answers late
    q.spend(2);
    q.absorb(info(6, 1_000), 2, T0);
    expect(q.holdBeforeSend(T0 + 1_000)).toBeNull(); // opens the next window
    q.spend(3);
    expect(q.snapshot(T0 + 1_000)).toMatchObject({ left: 149, resetAt: T0 + 31_000 });
    q.absorb(info(1, 0), 1, T0 + 1_000);
    expect(q.snapshot(T0 + 1_000)).toMatchObject({ left: 149, resetAt: T0 + 31_000 });
  });

  it('ignores an answer arriving after our window ended, before the next one opened', () => {
    const q = new QuotaWindow();
    sendUpTo(q, 0, 2);
    q.absorb(info(50, 1_000), 1, T0);
    q.absorb(info(2, 500), 2, T0 + 1_000);
    expect(q.snapshot(T0 + 1_000)).toMatchObject({ quota: 150, left: 150, resetAt: null });
    expect(q.heldUntil(T0 + 1_000)).toBe(-Infinity);
  });
});

describe('absurd figures', () => {
  it('caps a reset beyond MAX_WAIT_MS, and the next window length with it', () => {
    const q = new QuotaWindow();
    q.spend(1);
    q.absorb(info(0, 1e12, 150, 1e12), 1, T0);
    expect(q.holdBeforeSend(T0)).toBe(T0 + MAX_WAIT_MS);
    expect(q.heldUntil(T0)).toBe(T0 + MAX_WAIT_MS);
    // After the capped wait a new window opens, itself no longer than MAX_WAIT_MS.
    expect(q.holdBeforeSend(T0 + MAX_WAIT_MS)).toBeNull();
    q.spend(2);
    expect(q.snapshot(T0 + MAX_WAIT_MS)).toMatchObject({
      left: 149,
      resetAt: T0 + 2 * MAX_WAIT_MS,
    });
  });
});
