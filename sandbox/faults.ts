/**
 * Fault injection for API routes only (never the panel or /__sandbox/*).
 * Randomness is drawn only for fault kinds that are switched on, so turning
 * faults off leaves every other random sequence unchanged.
 */
import type { Faults } from './types';

export const DEFAULT_BURST_MS = 1000;

export class FaultInjector {
  private burstUntil = 0;

  constructor(
    private readonly faults: () => Faults,
    private readonly rng: () => number,
  ) {}

  private roll(fraction: number | undefined): boolean {
    return fraction !== undefined && fraction > 0 && this.rng() < fraction;
  }

  /**
   * Platform load is not per store: once a burst starts, every API request
   * gets a 429 without rate-limit headers until it ends.
   */
  inBurst(now: number): boolean {
    if (now < this.burstUntil) return true;
    const f = this.faults();
    if (this.roll(f.burst429)) {
      this.burstUntil = now + (f.burstMs ?? DEFAULT_BURST_MS);
      return true;
    }
    return false;
  }

  error500(): boolean {
    return this.roll(this.faults().error500);
  }

  drop(): boolean {
    return this.roll(this.faults().drop);
  }

  redirect(): boolean {
    return this.roll(this.faults().redirect);
  }

  reset(): void {
    this.burstUntil = 0;
  }
}
