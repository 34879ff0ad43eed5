/**
 * Rate and time-left from recent progress: a sliding window so a pause or a quota wait
 * shows up quickly instead of being averaged away over the whole job.
 */
export function createMeter(now: () => number, windowMs = 10_000) {
  const samples: Array<{ t: number; done: number }> = [];
  return {
    sample(done: number) {
      const t = now();
      samples.push({ t, done });
      while (samples.length > 2 && samples[0]!.t < t - windowMs) samples.shift();
    },
    reset() {
      samples.length = 0;
    },
    rate(): number {
      if (samples.length < 2) return 0;
      const a = samples[0]!;
      const b = samples[samples.length - 1]!;
      const dt = b.t - a.t;
      return dt > 0 ? ((b.done - a.done) * 1000) / dt : 0;
    },
    eta(done: number, total: number | null): number | null {
      const r = this.rate();
      if (total == null || r <= 0) return null;
      return Math.max(0, Math.round(((total - done) / r) * 1000));
    },
  };
}
export type Meter = ReturnType<typeof createMeter>;
