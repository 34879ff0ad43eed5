import { describe, expect, test } from 'vitest';
import { normalizeStoreHash, parseApiAccountFile } from '@/utils/ui/api-account';

const FILE = [
  'ACCESS TOKEN: 5r1xk0dq2zqhp8w3example0token77',
  'CLIENT ID: c1i3ntid0000000000000000000000',
  'CLIENT SECRET: 0fs3cr3t0000000000000000000000000000000000000000000000000000000',
  'NAME: Bulk Coupon Manager',
  'API PATH: https://api.bigcommerce.com/stores/abc123/v3/',
  '',
].join('\r\n');

describe('parseApiAccountFile', () => {
  test('reads the token, store hash and name from the downloaded file (CRLF)', () => {
    const result = parseApiAccountFile(FILE);
    expect(result).toEqual({
      ok: true,
      storeHash: 'abc123',
      token: '5r1xk0dq2zqhp8w3example0token77',
      accountName: 'Bulk Coupon Manager',
    });
  });

  test('never returns the client secret or client id', () => {
    const text = JSON.stringify(parseApiAccountFile(FILE));
    expect(text).not.toContain('0fs3cr3t');
    expect(text).not.toContain('c1i3ntid');
  });

  test('tolerates case, spacing, tabs, BOM, LF or CR, quotes and key spelling', () => {
    const messy =
      '\uFEFF  access   token :\t"tok123"\rapi_path= https://api.bigcommerce.com/stores/XYZ9/v3/ \n name:  Shop  ';
    expect(parseApiAccountFile(messy)).toEqual({
      ok: true,
      storeHash: 'xyz9',
      token: 'tok123',
      accountName: 'Shop',
    });
  });

  test('an API path with no trailing slash, or a v2 path, still gives the hash', () => {
    expect(
      parseApiAccountFile('ACCESS TOKEN: t0k\nAPI PATH: https://api.bigcommerce.com/stores/q1w2e3')
        .ok && true,
    ).toBe(true);
    const r = parseApiAccountFile(
      'ACCESS TOKEN: t0k\nAPI PATH: https://api.bigcommerce.com/stores/q1w2e3/v2/',
    );
    expect(r.ok && r.storeHash).toBe('q1w2e3');
  });

  test('a file without the API path gives the token and no hash', () => {
    expect(parseApiAccountFile('ACCESS TOKEN: t0k')).toEqual({
      ok: true,
      storeHash: null,
      token: 't0k',
      accountName: null,
    });
  });

  test('a file without a token is explained', () => {
    const result = parseApiAccountFile('CLIENT ID: x\nCLIENT SECRET: y\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/ACCESS TOKEN/);
    expect(parseApiAccountFile('').ok).toBe(false);
    expect(parseApiAccountFile('hello world').ok).toBe(false);
  });
});

describe('normalizeStoreHash', () => {
  test.each([
    ['abc123', 'abc123'],
    [' ABC123 ', 'abc123'],
    ['store-abc123', 'abc123'],
    ['store-abc123.mybigcommerce.com', 'abc123'],
    ['https://store-abc123.mybigcommerce.com/manage/marketing/promotions', 'abc123'],
    ['https://api.bigcommerce.com/stores/abc123/v3/', 'abc123'],
    ['', null],
    ['not a hash', null],
    ['abc_123', null],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeStoreHash(input)).toBe(expected);
  });
});
