import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { checkToken } from '../../utils/api/check-token';
import { plainWords } from '@/utils/api/errors';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, seed: { bulkCodes: 20 } });
});
afterAll(() => sb.close());

const check = (token: string, store = sb.storeHash) =>
  checkToken(store, token, { fetch: sb.fetch, apiOrigin: sb.origin });

describe('checkToken (live, against the sandbox)', () => {
  it('a modify token can do everything', async () => {
    expect(await check(sb.tokens.modify)).toMatchObject({ ok: true, access: 'modify' });
  });
  it('a read-only token connects for export and names the missing scope', async () => {
    const r = await check(sb.tokens.readOnly);
    expect(r).toMatchObject({ ok: true, access: 'read-only' });
    expect(plainWords(r.message)).toMatch(/Marketing "modify" scope/);
  });
  it('a wrong token or store is refused in plain words, without echoing the token', async () => {
    const r = await check('thisisnotavalidtoken00000000000');
    expect(r.ok).toBe(false);
    expect(plainWords(r.message)).toMatch(/did not accept this token/);
    expect(plainWords(r.message)).not.toContain('thisisnotavalidtoken');
    expect((await check(sb.tokens.modify, 'nosuchstore')).ok).toBe(false);
  });
  it('checking creates and deletes nothing', async () => {
    const before = sb.stats().codes;
    await check(sb.tokens.modify);
    await check(sb.tokens.readOnly);
    expect(sb.stats().codes).toEqual(before);
    expect(sb.stats().perEndpoint.codegen.requests).toBeGreaterThan(0);
  });
});
