/** Deterministic randomness: the sandbox must replay identically for a given seed. */

/** mulberry32: tiny, fast, good enough for test data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to derive a per-store seed from the global seed and the store hash. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** BigCommerce access tokens are 31 lowercase alphanumerics. */
export function randomToken(rng: () => number, length = 31): string {
  let out = '';
  for (let i = 0; i < length; i++)
    out += TOKEN_ALPHABET[Math.floor(rng() * TOKEN_ALPHABET.length)] ?? 'a';
  return out;
}

/** Index in [0, n) from an rng that might (if injected) return exactly 1. */
export function pick(rng: () => number, n: number): number {
  const i = Math.floor(rng() * n);
  return i >= n ? n - 1 : i < 0 ? 0 : i;
}
