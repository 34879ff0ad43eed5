/**
 * What a merchant's own script would do, against the same sandbox settings as the engine:
 *  - sequential: one request at a time, no rate-limit handling (generate: POST codegen
 *    batches of 250 in a loop; export: the cursor walk; purge: DELETE 250 ids at a time);
 *  - burst: every request at once (Promise.all), no retry;
 *  - pool (calibration, unlimited plan only): a plain pool of exactly the store's in-flight
 *    cap for the endpoint, no governor, no parsing beyond JSON, no retry. It shows what this
 *    machine, Node's fetch and the sandbox allow at the cap, so the engine's figures can be
 *    read against it. Its connections are opened before the clock starts (steady rate).
 * A failed request is not retried: it is counted, and so are the codes it leaves undone.
 * Purge baselines take the ids from the sandbox's inspection API (free, not rate limited),
 * so they are the delete phase only: compare them with the engine's "purge: delete" row.
 */
import { codegenBody } from '../utils/jobs/generate';
import { deleteBatchFor, pagesFor, PAGE, storeCaps } from './bound';
import { median } from './median';
import {
  countsOf,
  diffCounts,
  GENERATE_PARAMS,
  startStore,
  type JobKind,
  type RequestCounts,
  type Scenario,
} from './throughput';
import type { SandboxThread } from './sandbox-worker';

export type BaselineMode = 'sequential' | 'burst' | 'pool';

export interface BaselineResult {
  scenario: Scenario;
  kind: JobKind;
  mode: BaselineMode;
  wallMs: number;
  counts: RequestCounts;
  /** Requests that did not succeed (any non-2xx, or no answer). */
  failedRequests: number;
  /** Codes not generated / not exported / not deleted. */
  missingCodes: number;
}

interface Api {
  sb: SandboxThread;
  base: string;
  headers: Record<string, string>;
}

function api(sb: SandboxThread): Api {
  return {
    sb,
    base: `${sb.origin}/stores/${sb.storeHash}/v3`,
    headers: {
      'X-Auth-Token': sb.tokens.modify,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
  };
}

/** One request; resolves with the status (0 = no answer) and the parsed body when JSON. */
async function call(
  a: Api,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  try {
    const res = await a.sb.fetch(a.base + path, {
      method,
      headers: a.headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json };
  } catch {
    return { status: 0, json: null };
  }
}

const ok = (status: number) => status >= 200 && status < 300;

/** Runs `fn` over items: one at a time, all at once, or `width` at a time. Returns the statuses. */
async function runAll<T>(
  items: T[],
  mode: BaselineMode,
  width: number,
  fn: (item: T) => Promise<{ status: number; json: any }>,
) {
  if (mode === 'burst') return Promise.all(items.map(fn));
  const out: Array<{ status: number; json: any }> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: mode === 'sequential' ? 1 : width }, worker));
  return out;
}

function batches(total: number, size: number): number[] {
  const out: number[] = [];
  for (let left = total; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}

async function generate(
  a: Api,
  codes: number,
  mode: BaselineMode,
  width: number,
  stop: () => void,
): Promise<{ failed: number; missing: number }> {
  const p = GENERATE_PARAMS(codes);
  const promo = a.sb.promotions.bulkEmpty;
  const one = (size: number) =>
    call(a, 'POST', `/promotions/${promo}/codegen`, codegenBody(p, size));
  const sizes = batches(codes, 250);
  const statuses = (await runAll(sizes, mode, width, one)).map((r) => r.status);
  stop();
  const made = await a.sb.codeCount(promo);
  return { failed: statuses.filter((s) => !ok(s)).length, missing: codes - made };
}

async function exportAll(
  a: Api,
  codes: number,
  mode: BaselineMode,
  width: number,
  stop: () => void,
): Promise<{ failed: number; missing: number }> {
  const promo = a.sb.promotions.bulk;
  let rows = 0;
  let failed = 0;
  if (mode === 'sequential') {
    // The cursor walk: each page names the next; a failed page ends the walk.
    let after: string | null = null;
    for (;;) {
      const r = await call(
        a,
        'GET',
        `/promotions/${promo}/codes?limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      if (!ok(r.status)) {
        failed++;
        break;
      }
      const data = (r.json?.data ?? []) as unknown[];
      rows += data.length;
      const cursor = r.json?.meta?.cursor_pagination;
      if (!data.length || !cursor?.links?.next || !cursor?.end_cursor) break;
      after = cursor.end_cursor as string;
    }
  } else {
    const pages = Array.from({ length: pagesFor(codes) }, (_, i) => i + 1);
    const results = await runAll(pages, mode, width, (page) =>
      call(a, 'GET', `/promotions/${promo}/codes?limit=${PAGE}&page=${page}`),
    );
    for (const r of results) {
      if (ok(r.status)) rows += ((r.json?.data ?? []) as unknown[]).length;
      else failed++;
    }
  }
  stop();
  return { failed, missing: codes - rows };
}

async function purge(
  a: Api,
  ids: number[],
  mode: BaselineMode,
  width: number,
  batch: number,
  stop: () => void,
): Promise<{ failed: number; missing: number }> {
  const promo = a.sb.promotions.bulk;
  const groups: number[][] = [];
  for (let i = 0; i < ids.length; i += batch) groups.push(ids.slice(i, i + batch));
  const one = (g: number[]) => call(a, 'DELETE', `/promotions/${promo}/codes?id:in=${g.join(',')}`);
  const statuses = (await runAll(groups, mode, width, one)).map((r) => r.status);
  stop();
  const left = await a.sb.codeCount(promo);
  return { failed: statuses.filter((s) => !ok(s)).length, missing: left };
}

export async function runBaseline(
  s: Scenario,
  kind: JobKind,
  mode: BaselineMode,
): Promise<BaselineResult> {
  const sb = await startStore(s, kind === 'generate' ? 0 : s.codes);
  try {
    const a = api(sb);
    const ids = kind === 'purge' ? (await sb.codes(sb.promotions.bulk)).map((c) => c.id) : [];
    const caps = storeCaps(s.profile);
    if (mode === 'pool') {
      // Calibration of the steady rate: open the pool's connections (TLS) before the clock starts.
      const width =
        kind === 'generate' ? caps.generate : kind === 'export' ? caps.list : caps.delete;
      await Promise.all(
        Array.from({ length: width }, () => call(a, 'GET', `/promotions/${sb.promotions.bulk}`)),
      );
    }
    const before = countsOf(await sb.stats());
    const t0 = performance.now();
    let wallMs = 0;
    const stop = () => void (wallMs = performance.now() - t0);
    const r =
      kind === 'generate'
        ? await generate(a, s.codes, mode, caps.generate, stop)
        : kind === 'export'
          ? await exportAll(a, s.codes, mode, caps.list, stop)
          : // A script written to the current docs sends 250 ids; the calibration pool sends what the store takes.
            await purge(
              a,
              ids,
              mode,
              caps.delete,
              mode === 'pool' ? deleteBatchFor(s.profile) : 250,
              stop,
            );
    return {
      scenario: s,
      kind,
      mode,
      wallMs,
      counts: diffCounts(before, countsOf(await sb.stats())),
      failedRequests: r.failed,
      missingCodes: r.missing,
    };
  } finally {
    await sb.close();
  }
}

/** Round trip of one request on a warm connection, per endpoint: median of `samples` in a row. */
export interface RoundTrips {
  generate: number;
  list: number;
  delete: number;
  /** One single-code create (POST /codes); absent from runs saved before import was measured. */
  create?: number;
}

/**
 * What one request really takes on this machine at the scenario's latency: the injected
 * delay plus TLS, HTTP, the sandbox's work and JSON. One request at a time on one warm
 * connection (no contention), in a throwaway sandbox; codegen 250 codes, a 250-code page,
 * a 250-id delete, one single-code create, as the jobs send them. With the jitter off: the
 * sandbox draws it from a seeded sequence, the same in every run, and the 25 draws each probe
 * got had medians from 3.5 ms below the mean latency to 3.1 ms above it (the create probe's),
 * which the jobs' thousands of requests do not share.
 */
export async function measureRoundTrips(s: Scenario, samples = 25): Promise<RoundTrips> {
  const sb = await startStore(
    { ...s, plan: 'unlimited', profile: 'current', jitterMs: 0 },
    samples * 250,
  );
  try {
    const a = api(sb);
    const ids = (await sb.codes(sb.promotions.bulk)).map((c) => c.id);
    const medianTime = async (fn: (i: number) => Promise<{ status: number }>): Promise<number> => {
      await fn(-1); // warm the connection; not counted
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t0 = performance.now();
        const r = await fn(i);
        if (!ok(r.status)) throw new Error(`round-trip probe got HTTP ${r.status}`);
        times.push(performance.now() - t0);
      }
      return median(times);
    };
    const list = await medianTime((i) =>
      call(
        a,
        'GET',
        `/promotions/${sb.promotions.bulk}/codes?limit=${PAGE}&page=${Math.max(1, i + 1)}`,
      ),
    );
    const generate = await medianTime(() =>
      call(
        a,
        'POST',
        `/promotions/${sb.promotions.bulkEmpty}/codegen`,
        codegenBody(GENERATE_PARAMS(250), 250),
      ),
    );
    // The warm-up deletes nothing (an id no code has); each sample deletes 250 real codes.
    const del = await medianTime((i) =>
      call(
        a,
        'DELETE',
        `/promotions/${sb.promotions.bulk}/codes?id:in=${i < 0 ? '999999999' : ids.slice(i * 250, (i + 1) * 250).join(',')}`,
      ),
    );
    const create = await medianTime((i) =>
      call(a, 'POST', `/promotions/${sb.promotions.bulkEmpty}/codes`, {
        code: `RTT${i + 1}`,
        max_uses: 1,
        max_uses_per_customer: 1,
      }),
    );
    return { generate, list, delete: del, create };
  } finally {
    await sb.close();
  }
}
