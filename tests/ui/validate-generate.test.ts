import { describe, expect, test } from 'vitest';
import { GenerateParamsSchema } from '@/utils/jobs/schemas';
import { setLocale } from '@/utils/locale/current';
import { readWholeNumber, typedWholeNumber } from '@/utils/ui/check-numbers';
import {
  GENERATE_DEFAULTS,
  validateGenerate,
  type GenerateFormValues,
} from '@/utils/ui/validate-generate';

const valid: GenerateFormValues = { ...GENERATE_DEFAULTS, count: '5000' };
const withField = (patch: Partial<GenerateFormValues>) => validateGenerate({ ...valid, ...patch });

describe('readWholeNumber (an English browser)', () => {
  test.each([
    ['5000', { kind: 'ok', value: 5000 }],
    [' 5000 ', { kind: 'ok', value: 5000 }],
    ['10,000', { kind: 'ok', value: 10000 }],
    ['-5', { kind: 'ok', value: -5 }],
    ['0', { kind: 'ok', value: 0 }],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['2.5', { kind: 'decimal', meant: null }],
    ['.5', { kind: 'decimal', meant: null }],
    ['1e9', { kind: 'not-a-number', meant: null }],
    ['abc', { kind: 'not-a-number', meant: null }],
    ['0x10', { kind: 'not-a-number', meant: null }],
    ['1,00', { kind: 'not-a-number', meant: null }],
    ['99999999999999999999', { kind: 'not-a-number', meant: null }],
  ])('%j', (raw, expected) => {
    expect(readWholeNumber(raw)).toEqual(expected);
  });
});

describe('validateGenerate', () => {
  test('defaults plus a count give valid params the background schema accepts', () => {
    const result = validateGenerate(valid);
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual({});
    expect(result.params).toEqual({
      count: 5000,
      maxUses: 1,
      maxUsesPerCustomer: 1,
      prefix: '',
      suffix: '',
      delimiter: '',
      codeLength: 12,
      excludeCharacters: [],
    });
    expect(GenerateParamsSchema.safeParse(result.params).success).toBe(true);
  });

  test('defaults are 1 and 1 uses, length 12', () => {
    expect(GENERATE_DEFAULTS.maxUses).toBe('1');
    expect(GENERATE_DEFAULTS.maxUsesPerCustomer).toBe('1');
    expect(GENERATE_DEFAULTS.codeLength).toBe('12');
  });

  test.each(['0', '-5', '1e9', '2.5', '', 'abc', '1000001'])(
    'Number of codes %j is refused with a message',
    (count) => {
      const result = withField({ count });
      expect(result.ok).toBe(false);
      expect(result.params).toBeNull();
      expect(result.errors.count).toMatch(/\w/);
    },
  );

  test('messages say what to do', () => {
    expect(withField({ count: '' }).errors.count).toBe(
      'Enter how many codes to generate (1 to 1,000,000).',
    );
    expect(withField({ count: '0' }).errors.count).toBe('Enter at least 1 code.');
    expect(withField({ count: '-5' }).errors.count).toBe('Enter at least 1 code.');
    expect(withField({ count: '2.5' }).errors.count).toMatch(/whole number, without decimals/);
    expect(withField({ count: '1e9' }).errors.count).toMatch(/digits only/);
    expect(withField({ count: 'abc' }).errors.count).toMatch(/digits only/);
    expect(withField({ count: '1000001' }).errors.count).toMatch(/At most 1,000,000/);
  });

  test('count bounds 1 and 1,000,000 are accepted, with separators', () => {
    expect(withField({ count: '1', codeLength: '16' }).ok).toBe(true);
    expect(withField({ count: '1,000,000', codeLength: '16' }).params?.count).toBe(1_000_000);
  });

  test.each([
    ['maxUses', '0', true],
    ['maxUses', '100000', true],
    ['maxUses', '100001', false],
    ['maxUses', '-5', false],
    ['maxUses', '2.5', false],
    ['maxUses', '', false],
    ['maxUses', '1e9', false],
    ['maxUsesPerCustomer', '0', true],
    ['maxUsesPerCustomer', '100,000', true],
    ['maxUsesPerCustomer', '-1', false],
    ['maxUsesPerCustomer', 'abc', false],
  ] as const)('%s %j ok=%s', (field, value, ok) => {
    const result = withField({ [field]: value });
    expect(result.ok).toBe(ok);
    if (!ok) expect(result.errors[field]).toMatch(/\w/);
  });

  test.each([
    ['6', true],
    ['16', true],
    ['5', false],
    ['17', false],
    ['12.5', false],
    ['', false],
  ])('Code length %j ok=%s', (codeLength, ok) => {
    expect(withField({ codeLength }).ok).toBe(ok);
  });

  test('prefix and suffix: letters are upper-cased and the note says so', () => {
    const result = withField({ prefix: 'summer', suffix: 'x_1-' });
    expect(result.ok).toBe(true);
    expect(result.params?.prefix).toBe('SUMMER');
    expect(result.params?.suffix).toBe('X_1-');
    expect(result.notes.prefix).toBe('Codes use capital letters: the prefix will be SUMMER.');
    expect(result.notes.suffix).toMatch(/X_1-/);
  });

  test.each(['SUM MER', 'SUMMER!', 'ÉTÉ', 'A'.repeat(21)])('prefix %j is refused', (prefix) => {
    const result = withField({ prefix });
    expect(result.ok).toBe(false);
    expect(result.errors.prefix).toMatch(/\w/);
  });

  test('a 20-character prefix is fine', () => {
    expect(withField({ prefix: 'A'.repeat(20) }).ok).toBe(true);
  });

  test('delimiter must be none, - or _', () => {
    expect(withField({ delimiter: '-' }).ok).toBe(true);
    expect(withField({ delimiter: '_' }).ok).toBe(true);
    expect(withField({ delimiter: '.' }).errors.delimiter).toMatch(/hyphen/);
  });

  test('total length counts prefix, delimiters, code and suffix, at most 50', () => {
    const fits = withField({
      prefix: 'A'.repeat(17),
      suffix: 'B'.repeat(15),
      delimiter: '-',
      codeLength: '16',
    });
    expect(fits.totalLength).toBe(50);
    expect(fits.ok).toBe(true);
    const tooLong = withField({
      prefix: 'A'.repeat(18),
      suffix: 'B'.repeat(15),
      delimiter: '-',
      codeLength: '16',
    });
    expect(tooLong.totalLength).toBe(51);
    expect(tooLong.ok).toBe(false);
    expect(tooLong.errors.codeLength).toMatch(/51 characters/);
    // No prefix or suffix: no delimiter in the code.
    expect(withField({ delimiter: '_', codeLength: '12' }).totalLength).toBe(12);
  });

  test('excluded characters: look-alikes, separators, lower case, de-duplicated', () => {
    expect(withField({ excludeCharacters: '0O1I' }).params?.excludeCharacters).toEqual([
      '0',
      'O',
      '1',
      'I',
    ]);
    expect(withField({ excludeCharacters: '0, o 1 i 0' }).params?.excludeCharacters).toEqual([
      '0',
      'O',
      '1',
      'I',
    ]);
    expect(withField({ excludeCharacters: 'o' }).notes.excludeCharacters).toMatch(/capitals/);
    expect(withField({ excludeCharacters: '-' }).errors.excludeCharacters).toMatch(/Only letters/);
    const all = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    expect(withField({ excludeCharacters: all }).ok).toBe(false);
    const result = withField({ excludeCharacters: '0O1I' });
    expect(GenerateParamsSchema.safeParse(result.params).success).toBe(true);
  });

  test('too few possible codes for the count is refused', () => {
    const result = withField({
      count: '1000000',
      codeLength: '6',
      excludeCharacters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    });
    expect(result.ok).toBe(false);
    expect(result.errors.codeLength).toMatch(/too few/);
  });

  test('every error blocks: no params unless everything is right', () => {
    const result = validateGenerate({ ...GENERATE_DEFAULTS });
    expect(result.ok).toBe(false);
    expect(result.params).toBeNull();
  });
});

describe('counts and limits typed in the page’s language', () => {
  const inLocale = <T>(locale: string, run: () => T): T => {
    setLocale(locale);
    try {
      return run();
    } finally {
      setLocale(null);
    }
  };

  test('German: "10.000" is ten thousand codes; "10,000" and "10,5" have decimals', () => {
    inLocale('de-DE', () => {
      expect(withField({ count: '10.000' }).params?.count).toBe(10_000);
      expect(withField({ count: '10 000', maxUses: '1.000' }).params).toMatchObject({
        count: 10_000,
        maxUses: 1_000,
      });
      expect(withField({ count: '10,000' }).errors.count).toBe(
        'Enter a whole number, without decimals: here “,” starts decimals. Did you mean 10.000?',
      );
      expect(withField({ count: '10,5' }).errors.count).toBe(
        'Enter a whole number, without decimals (for example 5000).',
      );
      // The range's words write their numbers the German way too.
      expect(withField({ count: '2.000.000' }).errors.count).toBe(
        'At most 1.000.000 codes in one job; run another job for more.',
      );
    });
  });

  test('French: "10 000" with a space, a no-break space or a narrow one; "10.000" is not how French groups', () => {
    inLocale('fr-FR', () => {
      for (const typed of ['10 000', '10\u00a0000', '10\u202f000'])
        expect(withField({ count: typed }).params?.count).toBe(10_000);
      expect(withField({ count: '10,5' }).errors.count).toBe(
        'Enter a whole number, without decimals (for example 5000).',
      );
      expect(withField({ count: '10.000' }).errors.count).toBe(
        'Enter a whole number using digits only. Did you mean 10\u202f000?',
      );
    });
  });

  test('English: "10,000" as today; "10.000" has decimals, and the message says what was likely meant', () => {
    inLocale('en-US', () => {
      expect(withField({ count: '10,000' }).params?.count).toBe(10_000);
      expect(withField({ count: '10.000' }).errors.count).toBe(
        'Enter a whole number, without decimals: here “.” starts decimals. Did you mean 10,000?',
      );
      expect(withField({ count: '10.5' }).errors.count).toBe(
        'Enter a whole number, without decimals (for example 5000).',
      );
    });
  });

  test('the estimate follows the count as typed, in the same language', () => {
    expect(inLocale('de-DE', () => typedWholeNumber('10.000'))).toBe(10_000);
    expect(inLocale('en-US', () => typedWholeNumber('10.000'))).toBeNull();
    expect(inLocale('it', () => typedWholeNumber('10.000'))).toBe(10_000);
    expect(inLocale('es', () => typedWholeNumber('1.000.000'))).toBe(1_000_000);
    expect(inLocale('nl', () => typedWholeNumber('10,5'))).toBeNull();
  });
});
