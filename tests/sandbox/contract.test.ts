/**
 * Contract test: real sandbox responses validated against the official OpenAPI
 * file. The file is reference data outside the repository (never copied in): it is read from
 * BIGCOMMERCE_OPENAPI=/path/to/promotions.v3.yml, else from ../shared/bigcommerce beside the clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, type Api, type ApiResult } from './helpers';

const besideClone = fileURLToPath(
  new URL('../../../shared/bigcommerce/promotions.v3.yml', import.meta.url),
);
const specPath =
  process.env.BIGCOMMERCE_OPENAPI ?? (existsSync(besideClone) ? besideClone : undefined);
if (!specPath)
  console.warn(
    'contract test skipped: set BIGCOMMERCE_OPENAPI=/path/to/promotions.v3.yml to run it',
  );

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Follows a local $ref ('#/a/b') to its target. */
function resolveRef(ref: string, root: Json): Json {
  if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
  let target: Json = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    target = (target as { [k: string]: Json })[key] ?? null;
    if (target === null) throw new Error(`unresolved $ref ${ref}`);
  }
  return target;
}

/** Resolves $refs down to (not inside) a response's schema; ajv resolves the schema's own $refs against the registered spec. */
function deref(node: Json, root: Json): Json {
  let n = node;
  for (
    let i = 0;
    i < 16 &&
    n !== null &&
    typeof n === 'object' &&
    !Array.isArray(n) &&
    typeof n.$ref === 'string';
    i++
  ) {
    n = resolveRef(n.$ref, root);
  }
  return n;
}

describe.skipIf(!specPath)('contract: sandbox responses match promotions.v3.yml', () => {
  let sb: Sandbox;
  let api: Api;
  let raw: Json;
  // OpenAPI 3.0 schemas: strict off so that example, deprecated etc. are ignored; ajv understands nullable.
  // unicodeRegExp off: the spec's code pattern '[a-zA-Z0-9_\\ -]' is not a valid /u regular expression.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    raw = parse(readFileSync(specPath!, 'utf8')) as Json;
    // Registered whole, so that '#/components/schemas/...' inside schemas resolve once, shared.
    ajv.addSchema(raw as object, 'spec.yml');
    sb = await startSandbox({ seed: { bulkCodes: 30 } });
    api = apiClient(sb);
  });
  afterAll(() => sb?.close());

  /** Validates status + body against the spec's response for that path template and method. */
  function check(r: ApiResult, path: string, method: string): void {
    const ops = (raw as { paths: { [p: string]: Json } }).paths[path] as
      { [m: string]: Json } | undefined;
    const op = ops?.[method] as { responses: { [s: string]: Json } } | undefined;
    expect(op, `${method} ${path} in spec`).toBeDefined();
    const responseRef = op!.responses[String(r.status)];
    expect(responseRef, `${method} ${path} documents ${r.status}`).toBeDefined();
    const response = deref(responseRef!, raw) as { content?: { [t: string]: { schema?: Json } } };
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) {
      expect(r.text, `${method} ${path} ${r.status} has no body`).toBe('');
      return;
    }
    const schema = content['application/json']?.schema;
    expect(schema).toBeDefined();
    const key = `${method} ${path} ${r.status}`;
    const validate = validatorFor(path, method, String(r.status));
    const ok = validate(r.body);
    expect(ok ? [] : validate.errors, `${key}: ${JSON.stringify(r.body).slice(0, 300)}`).toEqual(
      [],
    );
  }

  function validatorFor(path: string, method: string, status: string): ValidateFunction {
    const key = `${method} ${path} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      const op = ((raw as { paths: { [p: string]: Json } }).paths[path] as { [m: string]: Json })[
        method
      ] as { responses: { [s: string]: Json } };
      // A local $ref in the response schema is relative to the spec document.
      const pointer = schemaPointer(op.responses[status]!, path, method, status);
      validate = ajv.getSchema(`spec.yml#${pointer}`);
      if (!validate) throw new Error(`cannot compile ${pointer}`);
      compiled.set(key, validate);
    }
    return validate;
  }

  /** JSON pointer of the response's application/json schema, through a components/responses $ref if there is one. */
  function schemaPointer(responseRef: Json, path: string, method: string, status: string): string {
    const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    const ref = (responseRef as { $ref?: unknown }).$ref;
    const base =
      typeof ref === 'string' ? ref.slice(1) : `/paths/${esc(path)}/${method}/responses/${status}`;
    return `${base}/content/${esc('application/json')}/schema`;
  }

  it('GET /promotions: 200 (with filters and pages) and 422', async () => {
    for (const q of [
      '',
      '?limit=2',
      '?page=2&limit=2',
      '?redemption_type=coupon',
      '?redemption_type=automatic',
      '?status=DISABLED',
    ]) {
      const r = await api('GET', `/promotions${q}`);
      expect(r.status).toBe(200);
      check(r, '/promotions', 'get');
    }
    const bad = await api('GET', '/promotions?limit=0');
    expect(bad.status).toBe(422);
    check(bad, '/promotions', 'get');
  });

  it('GET /promotions/{id}: 200 for each kind of promotion, 404', async () => {
    for (const id of Object.values(sb.promotions)) {
      const r = await api('GET', `/promotions/${id}`);
      expect(r.status).toBe(200);
      check(r, '/promotions/{id}', 'get');
    }
    const missing = await api('GET', '/promotions/999');
    expect(missing.status).toBe(404);
    check(missing, '/promotions/{id}', 'get');
  });

  it('GET /promotions/{promotion_id}/codes: 200 in every meta mode', async () => {
    const first = await api('GET', '/promotions/1/codes?limit=10');
    const cp = first.body.meta.cursor_pagination;
    const cases = [
      first,
      await api('GET', `/promotions/1/codes?limit=10&after=${cp.end_cursor}`),
      await api('GET', `/promotions/1/codes?limit=10&before=${cp.end_cursor}`),
      await api('GET', '/promotions/1/codes?page=2&limit=10'),
      await api('GET', '/promotions/1/codes?page=99'),
      await api('GET', '/promotions/2/codes'),
      await api('GET', `/promotions/1/codes?code=${first.body.data[0].code}`),
    ];
    for (const r of cases) {
      expect(r.status).toBe(200);
      check(r, '/promotions/{promotion_id}/codes', 'get');
    }
  });

  it('POST /promotions/{promotion_id}/codes: 201', async () => {
    const r = await api('POST', '/promotions/2/codes', {
      code: 'CONTRACT-1',
      max_uses: 10,
      max_uses_per_customer: 5,
    });
    expect(r.status).toBe(201);
    check(r, '/promotions/{promotion_id}/codes', 'post');
    const d = await api('POST', '/promotions/2/codes', { code: 'CONTRACT 2' });
    check(d, '/promotions/{promotion_id}/codes', 'post');
  });

  it('POST /promotions/{promotion_id}/codegen: 201, 400, 403, 405, 422', async () => {
    const ok = await api('POST', '/promotions/2/codegen', {
      batch_size: 5,
      max_uses: 10,
      max_uses_per_customer: 5,
    });
    expect(ok.status).toBe(201);
    check(ok, '/promotions/{promotion_id}/codegen', 'post');
    const badJson = await api('POST', '/promotions/2/codegen', '{nope');
    expect(badJson.status).toBe(400);
    check(badJson, '/promotions/{promotion_id}/codegen', 'post');
    const ro = await apiClient(sb, { token: sb.tokens.readOnly })('POST', '/promotions/2/codegen', {
      batch_size: 1,
    });
    expect(ro.status).toBe(403);
    check(ro, '/promotions/{promotion_id}/codegen', 'post');
    const notBulk = await api('POST', `/promotions/${sb.promotions.single}/codegen`, {
      batch_size: 1,
    });
    expect(notBulk.status).toBe(405);
    check(notBulk, '/promotions/{promotion_id}/codegen', 'post');
    for (const body of [
      { batch_size: 251 },
      {},
      { batch_size: 1, code_length: 3, prefix: 'low' },
    ]) {
      const invalid = await api('POST', '/promotions/2/codegen', body);
      expect(invalid.status).toBe(422);
      check(invalid, '/promotions/{promotion_id}/codegen', 'post');
    }
  });

  it('DELETE /promotions/{promotion_id}/codes: 204 and 422 (missing, malformed, too many, partial)', async () => {
    const ids = sb.codes(1).map((c) => c.id);
    const ok = await api('DELETE', `/promotions/1/codes?id:in=${ids.slice(0, 3).join(',')}`);
    expect(ok.status).toBe(204);
    check(ok, '/promotions/{promotion_id}/codes', 'delete');
    const tooMany = Array.from({ length: 251 }, (_, i) => i + 1).join(',');
    for (const q of ['', '?id:in=a,b', `?id:in=${tooMany}`, `?id:in=${ids[5]},999999`]) {
      const r = await api('DELETE', `/promotions/1/codes${q}`);
      expect(r.status, q).toBe(422);
      check(r, '/promotions/{promotion_id}/codes', 'delete');
    }
  });

  it('DELETE /promotions/{promotion_id}/codes/{code_id}: 204', async () => {
    const id = sb.codes(1)[0]!.id;
    for (const path of [`/promotions/1/codes/${id}`, '/promotions/1/codes/999999']) {
      const r = await api('DELETE', path);
      expect(r.status).toBe(204);
      check(r, '/promotions/{promotion_id}/codes/{code_id}', 'delete');
    }
  });

  it('GET /promotions/codes?code=: 200 found (bulk, single, any case) and not found; DELETE: 204', async () => {
    const bulkCode = sb.codes(1)[3]!.code;
    for (const code of [bulkCode, bulkCode.toLowerCase(), 'WELCOME10', 'NO-SUCH-CODE']) {
      const r = await api('GET', `/promotions/codes?code=${encodeURIComponent(code)}`);
      expect(r.status).toBe(200);
      check(r, '/promotions/codes', 'get');
    }
    for (const code of [bulkCode, 'NO-SUCH-CODE']) {
      const r = await api('DELETE', `/promotions/codes?code=${code}`);
      expect(r.status).toBe(204);
      check(r, '/promotions/codes', 'delete');
    }
  });

  it('GET /promotions?code=: 200 for a bulk code, a single code and an unknown one', async () => {
    for (const code of [sb.codes(1)[5]!.code, 'welcome10', 'NOPE']) {
      const r = await api('GET', `/promotions?code=${code}`);
      expect(r.status).toBe(200);
      check(r, '/promotions', 'get');
    }
  });

  it("hostile list answers and the sink's page still match the spec (they are meant to fool clients)", async () => {
    try {
      sb.configure({
        hostile: { total: 123456, repeatCursor: true, endlessCursor: true, hugeBodyBytes: 20_000 },
      });
      const first = await api('GET', '/promotions/1/codes?limit=5');
      const endless = await api(
        'GET',
        `/promotions/1/codes${first.body.meta.cursor_pagination.links.next as string}`,
      );
      for (const r of [first, endless, await api('GET', '/promotions/1/codes?page=2&limit=5')]) {
        expect(r.status).toBe(200);
        check(r, '/promotions/{promotion_id}/codes', 'get');
      }
    } finally {
      sb.configure({ hostile: {} });
    }
    const sink = await sb.fetch(`${sb.sink.origin}/stores/sandbox1/v3/promotions/1/codes`);
    const text = await sink.text();
    check(
      {
        status: sink.status,
        headers: sink.headers as unknown as Headers,
        text,
        body: JSON.parse(text),
      },
      '/promotions/{promotion_id}/codes',
      'get',
    );
  });

  it('the validators are not vacuous: broken bodies fail', () => {
    const codegen = validatorFor('/promotions/{promotion_id}/codegen', 'post', '201');
    expect(codegen({ data: { codes: [{ code: 'lowercase' }] }, meta: {} })).toBe(false);
    expect(codegen({ meta: {} })).toBe(false);
    const list = validatorFor('/promotions/{promotion_id}/codes', 'get', '200');
    expect(
      list({ data: [{ id: 'x', code: 'A', current_uses: 0, created: 'now' }], meta: {} }),
    ).toBe(false);
    expect(list({ data: [], meta: { cursor_pagination: { count: 0 } } })).toBe(false);
    const byCode = validatorFor('/promotions/codes', 'get', '200');
    expect(byCode({ data: [{ id: 1, code: 'A' }], meta: {} })).toBe(false);
    expect(byCode({ data: [], meta: { cursor_pagination: { count: 0, per_page: 50 } } })).toBe(
      false,
    );
    const promo = validatorFor('/promotions/{id}', 'get', '200');
    expect(promo({ data: { id: 1, name: 'x' }, meta: {} })).toBe(false);
    const e400 = validatorFor('/promotions/{promotion_id}/codegen', 'post', '400');
    expect(e400({ status: 400 })).toBe(false);
  });
});
