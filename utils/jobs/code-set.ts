/**
 * A compact set of coupon codes for "is this code one of ours?" over up to a million codes:
 * each code becomes a 53-bit hash (two FNV-1a variants) in a sorted Float64Array, 8 bytes a
 * code instead of ~70 for a Set of strings. Codes are compared without regard to case, as
 * the store does. Two different codes share a hash with odds of about n² / 2^54 (1 in 36,000
 * at a million codes): such a code would count as found, and nothing is ever deleted on that
 * basis, so the cost of a collision is one line missing from a report.
 */
import { codeKey } from '../vocabulary';

export interface CodeSet {
  readonly size: number;
  /** Position of the code in the set (stable while the set lives), or -1. */
  indexOf(code: string): number;
}

export function codeHash(code: string): number {
  const s = codeKey(code);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (a >>> 11) * 0x100000000 + (b >>> 0);
}

/** Gathers hashes (growing a typed array, never holding the codes), then freezes them into a set. */
export function codeSetBuilder(): { add(code: string): void; build(): CodeSet } {
  let hashes = new Float64Array(1024);
  let n = 0;
  return {
    add(code) {
      if (n === hashes.length) {
        const bigger = new Float64Array(n * 2);
        bigger.set(hashes);
        hashes = bigger;
      }
      hashes[n++] = codeHash(code);
    },
    build() {
      const sorted = hashes.slice(0, n).sort();
      return {
        size: n,
        indexOf(code) {
          const h = codeHash(code);
          let lo = 0;
          let hi = sorted.length - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >>> 1;
            const v = sorted[mid]!;
            if (v === h) return mid;
            if (v < h) lo = mid + 1;
            else hi = mid - 1;
          }
          return -1;
        },
      };
    },
  };
}
