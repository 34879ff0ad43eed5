/** The client against answers no real BigCommerce gives: redirects, huge bodies, nonsense counts. */
import { describe, expect, it } from 'vitest';
import { createClient, MAX_BODY_BYTES } from '../../utils/api/client';
import { ApiError } from '../../utils/api/errors';
import { createGovernor } from '../../utils/rate';

function clientWith(answer: () => Response) {
  const inits: RequestInit[] = [];
  const client = createClient({
    storeHash: 'abc',
    token: 'secret-token-value',
    governor: createGovernor({ maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 } }),
    apiOrigin: 'https://api.test',
    fetch: (async (_url: string, init: RequestInit) => {
      inits.push(init);
      return answer();
    }) as typeof fetch,
  });
  return { client, inits };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ApiError,
  );

describe('redirects', () => {
  it('asks fetch not to follow them', async () => {
    const { client, inits } = clientWith(() => new Response('{"data":[]}', { status: 200 }));
    await client.listCodes(1, { limit: 250 }).catch(() => undefined);
    expect(inits[0]!.redirect).toBe('manual');
  });

  it('a 3xx (as Node shows it) is an error naming the other host, once, never the token', async () => {
    const { client, inits } = clientWith(
      () =>
        new Response(null, {
          status: 307,
          headers: { location: 'https://evil.example:8443/steal' },
        }),
    );
    const e = await failure(client.listCodes(1, { limit: 250 }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e!.kind).toBe('redirect');
    expect(e!.message).toMatch(/redirect to evil\.example:8443/);
    expect(e!.message).not.toContain('secret-token-value');
    expect(inits).toHaveLength(1); // not retried
  });

  it('an opaque redirect (as browsers show a manual one: status 0) is the same error', async () => {
    const opaque = Object.defineProperty(new Response(null, { status: 200 }), 'type', {
      value: 'opaqueredirect',
    });
    const { client } = clientWith(() => opaque);
    expect(
      (await failure(
        client.generate(1, {
          batch_size: 1,
          max_uses: 1,
          max_uses_per_customer: 1,
          code_length: 8,
        }),
      ))!.kind,
    ).toBe('redirect');
  });
});

describe('huge bodies', () => {
  it('a declared length over 16 MB is refused without reading', async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))),
    });
    const { client } = clientWith(
      () =>
        new Response(body, {
          status: 200,
          headers: { 'content-length': String(MAX_BODY_BYTES + 1) },
        }),
    );
    const e = await failure(client.listCodes(1, { limit: 250 }));
    expect(e!.kind).toBe('bad-response');
    expect(e!.message).toMatch(/larger than 16 MB/);
    expect(pulled).toBeLessThan(5);
  });

  it('an undeclared stream is cut off as soon as it passes 16 MB', async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const body = new ReadableStream({
      pull: (c) => void ((sent += chunk.length), c.enqueue(chunk)),
    });
    const { client } = clientWith(() => new Response(body, { status: 200 }));
    const e = await failure(client.listCodes(1, { limit: 250 }));
    expect(e!.message).toMatch(/larger than 16 MB/);
    expect(sent).toBeLessThanOrEqual(MAX_BODY_BYTES + 3 * chunk.length);
  });

  it('a compressed answer whose small declared length inflates past 16 MB is cut off too', async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const body = new ReadableStream({
      pull: (c) => void ((sent += chunk.length), c.enqueue(chunk)),
    });
    // As fetch hands it over: already inflated, with the compressed length still in the headers.
    const { client } = clientWith(
      () =>
        new Response(body, {
          status: 200,
          headers: { 'content-length': '2000000', 'content-encoding': 'gzip' },
        }),
    );
    const e = await failure(client.listCodes(1, { limit: 250 }));
    expect(e!.message).toMatch(/larger than 16 MB/);
    expect(sent).toBeLessThanOrEqual(MAX_BODY_BYTES + 3 * chunk.length);
  });
});

describe('counts that make no sense', () => {
  const page = (total: number, totalPages: number) =>
    new Response(
      JSON.stringify({
        data: [],
        meta: { pagination: { total, total_pages: totalPages, current_page: 1 } },
      }),
      { status: 200 },
    );

  it('a total of 10^12 is no total at all', async () => {
    const { client } = clientWith(() => page(1e12, 4e9));
    expect(await client.listCodes(1, { limit: 250 })).toMatchObject({
      total: null,
      totalPages: null,
    });
    expect((await failure(client.codeCount(1)))!.message).toMatch(/no total/);
  });

  it('a negative total is refused as unreadable', async () => {
    const { client } = clientWith(() => page(-5, 1));
    expect((await failure(client.codeCount(1)))!.kind).toBe('bad-response');
  });

  it('ten million is still believed', async () => {
    const { client } = clientWith(() => page(10_000_000, 40_000));
    expect(await client.codeCount(1)).toBe(10_000_000);
  });
});
