/**
 * The sandbox store on a worker thread of the bench's own process, so the store's CPU work
 * (building pages of JSON, TLS) does not run on the event loop of the engine it measures:
 * BigCommerce's servers do not share a thread with the extension either.
 *
 * `startSandboxThread(opts)` gives the parts of `Sandbox` the bench uses: origin, storeHash,
 * tokens, promotions, a `fetch` that trusts its certificate, and async `stats()`,
 * `codes()`, `codeCount()`, `close()`.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Agent, fetch as undiciFetch } from 'undici';
import type {
  CodeView,
  Sandbox,
  SandboxOptions,
  SandboxStats,
  SeededPromotions,
} from '../sandbox/server';

export interface SandboxThread {
  origin: string;
  storeHash: string;
  tokens: { modify: string; readOnly: string };
  promotions: SeededPromotions;
  fetch: typeof fetch;
  stats(): Promise<SandboxStats>;
  codes(promotionId: number): Promise<CodeView[]>;
  codeCount(promotionId: number): Promise<number>;
  close(): Promise<void>;
}

interface Hello {
  origin: string;
  storeHash: string;
  tokens: { modify: string; readOnly: string };
  promotions: SeededPromotions;
  pem: string;
}
type Call = { id: number; method: 'stats' | 'codes' | 'codeCount' | 'close'; arg?: number };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The same interface over a sandbox on the bench's own thread (for comparison). */
export async function startSandboxInline(opts: SandboxOptions): Promise<SandboxThread> {
  const { startSandbox } = await import('../sandbox/server');
  const sb = await startSandbox(opts);
  return {
    origin: sb.origin,
    storeHash: sb.storeHash,
    tokens: sb.tokens,
    promotions: sb.promotions,
    fetch: sb.fetch,
    stats: async () => sb.stats(),
    codes: async (promotionId) => sb.codes(promotionId),
    codeCount: async (promotionId) => sb.stats().codes[promotionId] ?? sb.codes(promotionId).length,
    close: () => sb.close(),
  };
}

export async function startSandboxThread(opts: SandboxOptions): Promise<SandboxThread> {
  // The worker loads this TypeScript file again, so it registers tsx's loader first.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: opts });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  const hello = await new Promise<Hello>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: Hello) => resolve(m));
  });
  worker.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const call = <T>(method: Call['method'], arg?: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, method, arg } satisfies Call);
    });

  const agent = new Agent({ connect: { ca: hello.pem } });
  const boundFetch = ((
    input: Parameters<typeof undiciFetch>[0],
    init?: Parameters<typeof undiciFetch>[1],
  ) => undiciFetch(input, { ...init, dispatcher: agent })) as unknown as typeof fetch;

  return {
    origin: hello.origin,
    storeHash: hello.storeHash,
    tokens: hello.tokens,
    promotions: hello.promotions,
    fetch: boundFetch,
    stats: () => call<SandboxStats>('stats'),
    codes: (promotionId) => call<CodeView[]>('codes', promotionId),
    codeCount: (promotionId) => call<number>('codeCount', promotionId),
    close: async () => {
      await agent.close().catch(() => undefined);
      await call('close').catch(() => undefined);
      await worker.terminate();
    },
  };
}

async function serve(): Promise<void> {
  const { startSandbox } = await import('../sandbox/server');
  const sb: Sandbox = await startSandbox(workerData as SandboxOptions);
  const port = parentPort!;
  port.postMessage({
    origin: sb.origin,
    storeHash: sb.storeHash,
    tokens: sb.tokens,
    promotions: sb.promotions,
    pem: sb.cert.pem,
  } satisfies Hello);
  port.on('message', async (m: Call) => {
    try {
      let value: unknown;
      if (m.method === 'stats') value = sb.stats();
      else if (m.method === 'codes') value = sb.codes(m.arg!);
      else if (m.method === 'codeCount')
        value = sb.stats().codes[m.arg!] ?? sb.codes(m.arg!).length;
      else value = await sb.close();
      port.postMessage({ id: m.id, ok: true, value } satisfies Reply);
    } catch (e) {
      port.postMessage({ id: m.id, ok: false, error: (e as Error).message } satisfies Reply);
    }
  });
}

if (!isMainThread && parentPort) void serve();
