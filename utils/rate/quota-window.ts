/**
 * Our running estimate of the store's quota window: how many requests are left in it, and
 * when it refreshes, from the requests we send and the rate headers of their answers. It says
 * when requests must wait so that a reserve of each window stays free for the store's other apps.
 *
 * Pure: the caller passes the time (`t`, on its own clock) and numbers its requests 1, 2, 3, ...
 * in the order they are sent.
 */
import { quotaReserve } from '../vocabulary';
import { MAX_WAIT_MS } from './contract';
import type { RateInfo } from './headers';

/** Requests of each window left to the store's other apps (4 %, at least 2). */
export const defaultReserve = quotaReserve;

interface Window {
  quota: number;
  windowMs: number;
  /** Requests left; decremented for every request we send, lowered (never raised) by headers. */
  left: number;
  /** When the window refreshes, on our clock. Always at or after the store's real reset (see absorb). */
  resetAt: number;
  /** The request whose header set resetAt (0: a guess made when the window opened). */
  resetSeq: number;
}

/** The quota part of a GovernorSnapshot. */
export interface QuotaSnapshot {
  quota: number | null;
  /** The window's length as the store last said it (capped at MAX_WAIT_MS). */
  windowMs: number | null;
  left: number | null;
  resetAt: number | null;
  spendable: number | null;
}

export class QuotaWindow {
  /** null until an answer brings figures: without them nothing is held back. */
  private window: Window | null = null;
  /** Requests numbered up to this were sent before the current window began: their headers describe an older one. */
  private windowStartSeq = 0;
  /** Number of the latest request sent (0: none yet). */
  private sent = 0;

  /** `reserve` may return anything: see reserveFor. */
  constructor(private readonly reserve: (quota: number) => number = defaultReserve) {}

  /** Counts request `seq`, sent now: one request fewer left in this window. */
  spend(seq: number): void {
    this.sent = seq;
    if (this.window) this.window.left = Math.max(0, this.window.left - 1);
  }

  /**
   * Until when a request about to be sent at `t` must wait for the window to refresh; null if
   * it may go. Opens a new window if ours is over, so call it only right before a send.
   */
  holdBeforeSend(t: number): number | null {
    const window = this.currentWindow(t);
    if (window && window.left <= this.reserveFor(window.quota)) return window.resetAt;
    return null;
  }

  /** Until when the quota holds sends at time t; -Infinity if it does not. Changes nothing. */
  heldUntil(t: number): number {
    const window = this.window;
    if (window && t < window.resetAt && window.left <= this.reserveFor(window.quota))
      return window.resetAt;
    return -Infinity;
  }

  /**
   * Merges the figures of the answer to request `seq`, received at `t`.
   * - Within a window the estimate only goes down: a header can be staler than our count
   *   (requests sent since may not be in it), so it never raises it; a lower one means other
   *   apps (or requests we could not count) spent quota.
   * - The reset time follows the latest-sent request that reported one: requests are
   *   processed in about the order they are sent, so it speaks for the window we are in.
   * - The first figures we get, or figures showing the store is already a window further on,
   *   start a fresh estimate. A store may take `left` when it admits the request, so requests
   *   we sent just after are not in it: the estimate is also capped at the quota less our own
   *   requests that may be in this window (all sent so far for a first estimate; this one and
   *   later ones for a later window). Answers to requests sent before this one are ignored
   *   from then on: they may describe the older window.
   * - Answers to requests sent in an earlier window, or arriving after our window ended,
   *   describe a window that is over: ignored.
   */
  absorb(info: RateInfo, seq: number, t: number): void {
    if (seq <= this.windowStartSeq) return;
    const window = this.window;
    if (window && t >= window.resetAt) return;

    // Figures beyond MAX_WAIT_MS are not believed: the next answer is read again by then.
    const resetAt = t + Math.min(info.resetMs, MAX_WAIT_MS);
    const windowMs = Math.min(info.windowMs, MAX_WAIT_MS);
    if (!window || (seq > window.resetSeq && resetAt > window.resetAt + window.windowMs / 2)) {
      const oursInWindow = window ? this.sent - seq + 1 : this.sent;
      this.window = {
        quota: info.quota,
        windowMs,
        left: Math.max(0, Math.min(info.left, info.quota - oursInWindow)),
        resetAt,
        resetSeq: seq,
      };
      this.windowStartSeq = seq - 1;
      return;
    }
    window.quota = info.quota;
    window.windowMs = windowMs;
    window.left = Math.min(window.left, info.left);
    if (seq > window.resetSeq) {
      window.resetAt = resetAt;
      window.resetSeq = seq;
    }
  }

  /** The estimate as seen at `t`: a window that is over has (as far as we know) its full quota again. */
  snapshot(t: number): QuotaSnapshot {
    const window = this.window;
    const live = window !== null && t < window.resetAt;
    const left = window ? (live ? window.left : window.quota) : null;
    return {
      quota: window ? window.quota : null,
      windowMs: window ? window.windowMs : null,
      left,
      resetAt: live ? window.resetAt : null,
      spendable: window && left !== null ? Math.max(0, left - this.reserveFor(window.quota)) : null,
    };
  }

  /**
   * The window requests are sent in now. When ours is over, a new one opens with the full
   * quota. Called only right before a send, so the guessed end (a full window from this, its
   * first request) is never earlier than the store's, whether the store's windows are fixed
   * or open at the first request; the first header from this window then replaces the guess.
   */
  private currentWindow(t: number): Window | null {
    const window = this.window;
    if (window && t >= window.resetAt) {
      this.window = { ...window, left: window.quota, resetAt: t + window.windowMs, resetSeq: 0 };
      this.windowStartSeq = this.sent;
    }
    return this.window;
  }

  /** The reserve, made sane: a whole number, and at least one request per window is always allowed. */
  private reserveFor(quota: number): number {
    const wanted = this.reserve(quota);
    const reserve = Number.isFinite(wanted)
      ? Math.max(0, Math.ceil(wanted))
      : defaultReserve(quota);
    return Math.min(reserve, quota - 1);
  }
}
