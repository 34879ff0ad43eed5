/**
 * Looking one code up: the store's `code` filter is documented only as "filter items by code",
 * so the answer's rows are compared with the code asked for. A store that matched loosely (or
 * ignored the filter) must not pass another code off as the one a job deletes or claims.
 */
import { describe, expect, it } from 'vitest';
import { codeCalls } from '../../utils/api/code-calls';
import type { ApiCall } from '../../utils/api/transport';

const row = (id: number, code: string) => ({
  id,
  code,
  current_uses: 0,
  max_uses: 1,
  max_uses_per_customer: 1,
  created: '2026-12-01T10:00:00+00:00',
});
const page = (...codes: ReturnType<typeof row>[]) =>
  JSON.stringify({
    data: codes,
    meta: { cursor_pagination: { count: codes.length, per_page: 10 } },
  });

function calls(answer: string) {
  const sent: ApiCall[] = [];
  const api = codeCalls(
    async (call) => {
      sent.push(call);
      return { status: 200, text: answer };
    },
    () => ({ storeHash: 'abc123' }),
  );
  return { api, sent };
}

describe('one code looked up', () => {
  it('finds the row that is the code, whatever its letter case, among what the store sent', async () => {
    const { api, sent } = calls(page(row(1, 'SAVE10X'), row(2, 'save10')));
    expect(await api.findCodeIn(7, 'SAVE10')).toMatchObject({ id: 2, code: 'save10' });
    expect(sent[0]).toMatchObject({
      method: 'GET',
      path: '/promotions/7/codes',
      query: { code: 'SAVE10', limit: 10 },
    });
  });

  it.each([
    ['a prefix match only', page(row(1, 'SAVE10X'), row(3, 'SAVE100'))],
    ['the filter ignored', page(row(4, 'AAAA'), row(5, 'BBBB'))],
    ['no rows', page()],
  ])('%s: null, never another code', async (_, answer) => {
    expect(await calls(answer).api.findCodeIn(7, 'SAVE10')).toBeNull();
    expect(await calls(answer).api.findCode('SAVE10')).toBeNull();
  });
});
