import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHARACTER_SETS,
  charactersOf,
  checkPattern,
  patternCode,
  randomSource,
  uniformIndex,
} from '../../utils/codes/pattern';
import { patternProblemWords } from '../../utils/codes/pattern-words';
import { patternProblemText, spaceText } from '../../utils/ui/pattern-text';

/** What is wrong with a pattern, in the page's words (English here). */
const problemText = (pattern: string, characters: string, count: number) => {
  const { problem } = checkPattern(pattern, characters, count);
  return problem ? patternProblemText(problem) : null;
};
import { createEstimate } from '../../utils/codes/estimate';

describe('checkPattern', () => {
  const digits = CHARACTER_SETS.digits.characters;
  it.each([
    ['', digits, 10, /Type a pattern/],
    ['SPRING', digits, 10, /has no #/],
    [`${'#'.repeat(51)}`, digits, 10, /51 characters; codes may have at most 50/],
    ['SALE!-####', digits, 10, /characters codes cannot have \(“!”\)/],
    [' ####', digits, 10, /starts or ends with a space/],
    ['####', 'A', 10, /at least two different characters/],
    ['####', 'AB!', 10, /cannot be in a code: “!”\. Use letters, digits, _ and -\./],
    ['####', 'AB! ', 10, /cannot be in a code: “!” and a space\./],
    ['####', 'AB ', 10, /cannot be in a code: a space\./],
    [
      'A##',
      digits,
      2000,
      /can make 100 codes; 2,000 codes need at least 200,000 \(100 times as many/,
    ],
  ])('%j over %j for %i: %s', (pattern, characters, count, error) => {
    expect(problemText(pattern, characters, count)).toMatch(error);
  });

  it('accepts a roomy pattern and says how many codes it can make', () => {
    const ok = checkPattern(
      'SPRING-####-####',
      CHARACTER_SETS['letters-digits'].characters,
      10_000,
    );
    expect(ok).toEqual({ problem: null, slots: 8, space: 36 ** 8 });
    expect(spaceText(ok.space)).toBe('about 2.8 × 10^12');
    expect(spaceText(1_679_616)).toBe('1,679,616');
    expect(spaceText(36 ** 12)).toBe('about 4.7 × 10^18');
    expect(spaceText(Infinity)).toBe('more than 10^300');
  });

  it('the background refuses with the same words as keys and values, never a sentence', () => {
    const { problem } = checkPattern('A##', CHARACTER_SETS.digits.characters, 2000);
    expect(patternProblemWords(problem!)).toEqual({
      key: 'forms.pattern.tooSmall',
      values: [100, 2000, 200_000, 100],
    });
  });

  it('counts letters that differ only in case once (the store does)', () => {
    expect(checkPattern('####', 'aAbB', 1).space).toBe(2 ** 4);
    expect(charactersOf('custom', 'aabbc')).toBe('abc');
    // One letter in two cases is one character to the store: drawn once, not twice as often.
    expect(charactersOf('custom', 'aA0bB1')).toBe('a0b1');
    expect(problemText('####', charactersOf('custom', 'aA'), 1)).toMatch(
      /at least two different characters.*either case/,
    );
  });
});

describe('random codes', () => {
  it('every code has the pattern’s shape, from the chosen characters only', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(CHARACTER_SETS).map((s) => s.characters)),
        fc.integer({ min: 1, max: 1e9 }),
        (characters, seed) => {
          let x = seed;
          const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
          const code = patternCode('X-##-#', characters, next);
          expect(code).toMatch(/^X-..-.$/);
          for (const c of [code[2], code[3], code[5]]) expect(characters).toContain(c);
        },
      ),
    );
  });

  it('draws without modulo bias: values of the incomplete last band are drawn again', () => {
    // n = 3: 2^32 mod 3 = 1, so 2^32 - 1 (the one value of the last band) must never be used.
    const values = [2 ** 32 - 1, 2 ** 32 - 1, 5];
    expect(uniformIndex(3, () => values.shift()!)).toBe(2);
    expect(values).toEqual([]);
  });

  it('is uniform over 36 characters (chi-square, 360,000 draws from crypto.getRandomValues)', () => {
    const next = randomSource();
    const counts = new Array(36).fill(0);
    const draws = 360_000;
    for (let i = 0; i < draws; i++) counts[uniformIndex(36, next)]++;
    const expected = draws / 36;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 35 degrees of freedom: 66.6 is the 0.1 % critical value (a fair source fails 1 run in 1,000).
    expect(chi2).toBeLessThan(66.6);
  });

  it('a biased draw (plain modulo of a small range) would show: the test can fail', () => {
    // 0..99 mod 36: residues 0..27 come three times, 28..35 twice.
    let i = 0;
    const counts = new Array(36).fill(0);
    for (let k = 0; k < 36_000; k++) counts[(i++ % 100) % 36]++;
    const chi2 = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeGreaterThan(66.6);
  });
});

describe('how long creating codes takes, told before', () => {
  it('the store’s quota sets the pace: 100,000 codes at 150 per 30 s (144 of them ours) is 5 h 47 min', () => {
    // 694 windows of 144 waited out, then the last 64 codes: 2 rounds of 40 at 250 ms.
    expect(createEstimate(100_000, { quota: 150, windowMs: 30_000 })).toEqual({
      ms: 694 * 30_000 + 500,
      basis: 'quota',
      quota: 150,
      windowMs: 30_000,
    });
  });
  it('what fits in one window of the quota goes at once: 60 codes take two rounds, not 12 s', () => {
    expect(createEstimate(60, { quota: 150, windowMs: 30_000 })).toMatchObject({
      ms: 500,
      basis: 'concurrency',
    });
    expect(createEstimate(144, { quota: 150, windowMs: 30_000 })).toMatchObject({
      ms: 1_000,
      basis: 'concurrency',
    });
    expect(createEstimate(145, { quota: 150, windowMs: 30_000 })).toMatchObject({
      ms: 30_250,
      basis: 'quota',
    });
  });
  it('no quota (or an unlimited one): 40 at a time, a round trip each', () => {
    expect(createEstimate(10_000, { quota: 2_147_483_647, windowMs: 30_000 }, 80)).toMatchObject({
      ms: 250 * 80,
      basis: 'concurrency',
    });
    expect(createEstimate(10_000, { quota: null, windowMs: null }, 80)).toMatchObject({
      ms: 250 * 80,
      basis: 'concurrency',
      quota: null,
    });
  });
});
