import { describe, expect, it } from 'vitest';
import { exactness, importCodes } from '../../bench/imports';

describe('import bench: exactness', () => {
  const asked = importCodes(5).sort();

  it('passes when the store and the ledger hold exactly the file’s codes', () => {
    expect(exactness(5, asked, [...asked], [...asked], 5)).toEqual([]);
  });

  it('finds codes missing, codes twice in the ledger, and a short file', () => {
    const store = asked.slice(0, 4);
    const ledger = [...store, store[3]!].sort();
    const problems = exactness(5, asked, store, ledger, 4);
    expect(problems).toEqual([
      'the promotion holds 4 codes',
      "1 of the file's codes missing",
      '1 code twice in the ledger',
      "the ledger (5 codes) differs from the store's codes",
      "the job's file has 4 rows",
    ]);
  });

  it('checks a pattern job’s codes against the pattern', () => {
    const codes = ['BENCH-abcd1234', 'BENCH-XYZ'].sort();
    expect(exactness(2, null, codes, codes, 2)).toEqual(['1 code not of the pattern']);
  });
});
