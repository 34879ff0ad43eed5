/**
 * The store-wide pause after a 429 (the governor's first condition). A 429 with rate headers
 * says how long the store wants: everyone waits that long. One without them means platform
 * load: everyone backs off, a little longer each time it happens again.
 *
 * Pure: the caller passes the time and numbers its requests 1, 2, 3, ... in sending order.
 */
import { MAX_WAIT_MS } from './contract';
import { fullJitter } from './retry';

export type PauseKind = 'rate-limited' | 'platform-busy';

export class StorePause {
  private pausedUntil = -Infinity;
  private kind: PauseKind = 'rate-limited';
  /** Headerless 429s in a row, each from a request sent after the previous backoff began. */
  private busyStreak = 0;
  /** Requests numbered up to this were already sent when the current backoff began. */
  private busySinceSeq = 0;

  constructor(
    private readonly backoff: { baseMs: number; maxMs: number },
    private readonly random: () => number,
  ) {}

  /** The pause running at `t`, or null. */
  at(t: number): { kind: PauseKind; untilMs: number } | null {
    return this.pausedUntil > t ? { kind: this.kind, untilMs: this.pausedUntil } : null;
  }

  /** Until when sends are paused at `t`; -Infinity if they are not. */
  heldUntil(t: number): number {
    return this.pausedUntil > t ? this.pausedUntil : -Infinity;
  }

  /** A 429 with figures, received at `t`: the whole store waits, whichever limit was hit (at most MAX_WAIT_MS). */
  rateLimited(t: number, resetMs: number): void {
    this.pauseUntil(t + Math.min(resetMs, MAX_WAIT_MS), 'rate-limited');
  }

  /**
   * A 429 without headers to request `seq`, received at `t` when `sent` requests have gone
   * out: platform load. Back off store-wide, widening the (fully jittered) wait each time it
   * happens again. Requests that were already in flight when this backoff began belong to the
   * same episode: their 429s neither widen nor extend it.
   */
  platformBusy(seq: number, t: number, sent: number): void {
    if (seq <= this.busySinceSeq) return;
    const wait = fullJitter(this.busyStreak, this.backoff, this.random);
    this.busyStreak++;
    this.busySinceSeq = sent;
    this.pauseUntil(t + wait, 'platform-busy');
  }

  /** An answer to request `seq` that was neither a 429 nor a 5xx. */
  answered(seq: number): void {
    // Sent after the last backoff began and answered normally: the platform has recovered.
    if (seq > this.busySinceSeq) this.busyStreak = 0;
  }

  private pauseUntil(until: number, kind: PauseKind): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.kind = kind;
  }
}
