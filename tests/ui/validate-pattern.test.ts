import { describe, expect, test } from 'vitest';
import { PatternParamsSchema } from '@/utils/jobs/schemas';
import {
  PATTERN_DEFAULTS,
  validatePattern,
  type PatternFormValues,
} from '@/utils/ui/validate-pattern';

const shared = { count: '5000', maxUses: '1', maxUsesPerCustomer: '1' };
const check = (patch: Partial<PatternFormValues>, counts: Partial<typeof shared> = {}) =>
  validatePattern({ ...shared, ...counts, ...PATTERN_DEFAULTS, ...patch });

describe('validatePattern', () => {
  test('a sound pattern gives params the background accepts', () => {
    const result = check({ pattern: 'SPRING-####-####' });
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual({});
    expect(result.params).toEqual({
      count: 5000,
      maxUses: 1,
      maxUsesPerCustomer: 1,
      pattern: 'SPRING-####-####',
      characterSet: 'letters-digits',
      ownCharacters: '',
    });
    expect(PatternParamsSchema.safeParse(result.params).success).toBe(true);
    expect(result.space).toBe(36 ** 8);
  });

  test('the shared fields are checked with the generate form’s words', () => {
    const result = check(
      { pattern: 'A-####' },
      { count: '', maxUses: 'x', maxUsesPerCustomer: '100001' },
    );
    expect(result.ok).toBe(false);
    expect(result.errors.count).toBe('Enter how many codes to generate (1 to 1,000,000).');
    expect(result.errors.maxUses).toMatch(/digits only/);
    expect(result.errors.maxUsesPerCustomer).toMatch(/At most 100,000/);
    // Without a count, the room is not judged yet.
    expect(result.errors.pattern).toBeUndefined();
  });

  test('room for the codes: judged against the count', () => {
    expect(check({ pattern: 'A-####', characterSet: 'digits' }, { count: '100' }).ok).toBe(true);
    const small = check({ pattern: 'A-####', characterSet: 'digits' }, { count: '101' });
    expect(small.errors.pattern).toMatch(/can make 10,000 codes; 101 codes need at least 10,100/);
    // The pattern can still be shown: samples are drawn from it.
    expect(small.space).toBe(10_000);
  });

  test('your own characters: their error beside their field, sent de-duplicated', () => {
    const bad = check({ pattern: 'A-########', characterSet: 'custom', ownCharacters: 'a b' });
    expect(bad.errors.ownCharacters).toMatch(/a space/);
    expect(bad.errors.pattern).toBeUndefined();
    expect(bad.space).toBeNull();
    const good = check(
      { pattern: 'A-########', characterSet: 'custom', ownCharacters: 'ABCABC' },
      { count: '10' },
    );
    expect(good.params?.ownCharacters).toBe('ABC');
    // The set's own characters are not sent with a set.
    expect(check({ pattern: 'A-########', ownCharacters: 'XY' }).params?.ownCharacters).toBe('');
  });

  test.each(['', 'NOHASH', ' A-####', `${'#'.repeat(51)}`])('%j is refused', (pattern) => {
    const result = check({ pattern });
    expect(result.ok).toBe(false);
    expect(result.errors.pattern).toMatch(/\w/);
    expect(result.params).toBeNull();
  });
});
