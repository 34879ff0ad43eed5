import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createClient } from '../../utils/api/client';
import { ApiError } from '../../utils/api/errors';
import { createGovernor } from '../../utils/rate';

/** A client whose fetch answers from a script: mocks belong in unit tests only. */
function clientWith(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const client = createClient({
    storeHash: 'abc',
    token: 'secret-token-value',
    governor: createGovernor({ maxRetries: 2, backoff: { baseMs: 1, maxMs: 2 } }),
    apiOrigin: 'https://api.test',
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer(url, init);
    }) as typeof fetch,
  });
  return { client, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const code = (id: number) => ({
  id,
  code: `C${id}`,
  current_uses: 0,
  max_uses: 1,
  max_uses_per_customer: 1,
  created: '2026-01-01T00:00:00Z',
});

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a failure');
}

describe('requests', () => {
  it('sends the token header, JSON body and the literal id:in parameter', async () => {
    const { client, calls } = clientWith(() => new Response(null, { status: 204 }));
    await client.deleteCodes(5, [1, 2, 3]);
    expect(calls[0]!.url).toBe('https://api.test/stores/abc/v3/promotions/5/codes?id:in=1,2,3');
    expect((calls[0]!.init.headers as Record<string, string>)['X-Auth-Token']).toBe(
      'secret-token-value',
    );
    expect(calls[0]!.init.method).toBe('DELETE');
  });
});

describe('hostile or broken responses end in a clear error, never a wrong result', () => {
  const cases: Array<[string, () => Response]> = [
    [
      'an HTML error page from a proxy',
      () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 200 }),
    ],
    ['truncated JSON', () => new Response('{"data":[{"id":1,"code":"A"', { status: 200 })],
    ['an empty 200', () => new Response('', { status: 200 })],
    ['wrong field types', () => json({ data: [{ ...code(1), id: 'one' }], meta: {} })],
    ['a 204 where JSON was expected', () => new Response(null, { status: 204 })],
    [
      'a page larger than asked',
      () =>
        json({
          data: [code(1), code(2), code(3)],
          meta: { cursor_pagination: { count: 3, per_page: 2, links: {} } },
        }),
    ],
  ];
  it.each(cases)('%s', async (_, make) => {
    const { client } = clientWith(make);
    const e = await errorOf(client.listCodes(1, { limit: 2 }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.kind).toBe('bad-response');
    expect(e.message).toMatch(/could not read/);
    expect(e.message).not.toContain('secret-token-value');
  });

  it('missing meta still reads the codes but claims no next page', async () => {
    const { client } = clientWith(() => json({ data: [code(1)] }));
    const page = await client.listCodes(1, { limit: 250 });
    expect(page.codes).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
    expect(page.total).toBeNull();
  });

  it('a garbage generate response is ambiguous (the store may have made codes)', async () => {
    const { client } = clientWith(() => json({ data: { codes: [{ code: 'A' }] } }, 201));
    const e = await errorOf(
      client.generate(1, { batch_size: 2, max_uses: 1, max_uses_per_customer: 1, code_length: 8 }),
    );
    expect(e.kind).toBe('ambiguous');
  });

  it('never throws anything but ApiError on random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 405, 422, 418),
        async (body, status) => {
          const { client } = clientWith(
            () => new Response(status === 204 ? null : body, { status }),
          );
          try {
            await client.listCodes(1, { limit: 250 });
          } catch (e) {
            expect(e).toBeInstanceOf(ApiError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('deletes', () => {
  it('reports partial success from a 422 with meta', async () => {
    const { client } = clientWith(() =>
      json(
        {
          errors: [{ status: 422, title: 'Errors occurred in bulk delete action.' }],
          meta: { total: 5, success: 3, failed: 2 },
        },
        422,
      ),
    );
    expect(await client.deleteCodes(1, [1, 2, 3, 4, 5])).toEqual({ deleted: 3, failed: 2 });
  });
  it('reads a refusal of more than 50 ids as the older batch limit', async () => {
    const { client } = clientWith(() =>
      json({ errors: [{ status: 422, title: 'Too many ids' }] }, 422),
    );
    const e = await errorOf(
      client.deleteCodes(
        1,
        [...Array(250).keys()].map((i) => i + 1),
      ),
    );
    expect(e.kind).toBe('too-many-ids');
  });
});
