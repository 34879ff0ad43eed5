/** The element in the middle by `key` (the upper one of two middles): a real run, never an average. */
export function medianBy<T>(xs: readonly T[], key: (x: T) => number): T {
  return [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
}

/** The middle of some numbers, as medianBy picks it; 0 for none. */
export function median(xs: readonly number[]): number {
  return xs.length ? medianBy(xs, (x) => x) : 0;
}
