/**
 * Memory of a large export in the real extension (production build, Chromium, via
 * e2e/harness.ts). The sandbox (unlimited plan, ~1 ms latency) holds the codes server-side.
 * For each size a fresh browser connects the store, the merchant presses "Export codes" in
 * the panel, and the bench samples every ~200 ms over CDP (a browser session attached to each
 * target, non-flat): `Runtime.getHeapUsage` of the extension's service worker (the engine)
 * and of its offscreen document (which builds the CSV Blob from the spool), until the CSV
 * has been downloaded. Peaks are of `usedSize`: garbage not yet collected included, so they also
 * show how far V8 lets its heap grow before collecting. In `live` runs (separate browsers) a
 * full GC is forced in both targets before every sample (HeapProfiler.collectGarbage): their
 * peaks are of what the code really holds at that moment.
 */
import { statSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { median } from './median';

export interface MemoryResult {
  codes: number;
  /** A full GC was forced before each sample: the peaks are of live objects only. */
  live: boolean;
  wallMs: number;
  workerStart: number;
  workerPeak: number;
  documentPeak: number | null;
  fileBytes: number | null;
  workerSamples: number;
  documentSamples: number;
  /** After the download, heap left once a full GC has run (HeapProfiler.collectGarbage): what is really retained. */
  workerAfterGc: number | null;
  documentAfterGc: number | null;
  /** Median of the worker's samples while the export ran: its steady level. */
  workerMedian: number;
  /** Every sample, bytes (~200 ms apart; in bench/out/results.json, not in the tables). */
  workerSeries: number[];
  documentSeries: number[];
  /** What the panel said at the end. */
  status: string;
  /** From pressing Export: the last page request seen by the store, the panel saying "Completed", the file downloaded (ms). */
  lastRequestMs: number | null;
  completedMs: number | null;
  requests: number;
}

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  attached: boolean;
}

/** A CDP target reached through the browser session with Target.sendMessageToTarget (non-flat). */
export class TargetChannel {
  private next = 0;
  private readonly pending = new Map<number, { resolve(v: any): void; reject(e: Error): void }>();
  constructor(
    private readonly browser: CDPSession,
    readonly sessionId: string,
  ) {}

  static async attach(browser: CDPSession, targetId: string): Promise<TargetChannel> {
    const { sessionId } = (await browser.send('Target.attachToTarget', {
      targetId,
      flatten: false,
    })) as { sessionId: string };
    const ch = new TargetChannel(browser, sessionId);
    browser.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      if (e.sessionId !== sessionId) return;
      const msg = JSON.parse(e.message) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      if (msg.id === undefined) return;
      const p = ch.pending.get(msg.id);
      if (!p) return;
      ch.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
    return ch;
  }

  send<T>(method: string, params: object = {}, timeoutMs = 5_000): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.browser
        .send('Target.sendMessageToTarget', {
          sessionId: this.sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch((e: Error) => {
          this.pending.delete(id);
          clearTimeout(timer);
          reject(e);
        });
    });
  }

  async heapUsed(): Promise<number> {
    const r = await this.send<{ usedSize: number }>('Runtime.getHeapUsage');
    return r.usedSize;
  }

  detach(): Promise<unknown> {
    return this.browser
      .send('Target.detachFromTarget', { sessionId: this.sessionId })
      .catch(() => undefined);
  }
}

/** Samples the heap of whichever target `find` picks, re-attaching if the target changes (a restarted worker). */
class HeapSampler {
  peak = 0;
  first: number | null = null;
  samples = 0;
  readonly series: number[] = [];
  private channel: TargetChannel | null = null;
  private targetId: string | null = null;

  constructor(
    private readonly browser: CDPSession,
    private readonly find: (targets: TargetInfo[]) => TargetInfo | undefined,
    private readonly gcFirst: boolean,
  ) {}

  async sample(targets: TargetInfo[]): Promise<void> {
    const t = this.find(targets);
    if (!t) return;
    try {
      if (t.targetId !== this.targetId) {
        await this.channel?.detach();
        this.channel = await TargetChannel.attach(this.browser, t.targetId);
        this.targetId = t.targetId;
      }
      if (this.gcFirst) await this.channel!.send('HeapProfiler.collectGarbage', {}, 30_000);
      const used = await this.channel!.heapUsed();
      this.first ??= used;
      this.peak = Math.max(this.peak, used);
      this.samples++;
      this.series.push(used);
    } catch {
      // The target went away between listing and sampling: try again next tick.
      this.targetId = null;
      this.channel = null;
    }
  }

  /** Forces a full GC in the target, then reads the heap: null if not attached. */
  async afterGc(): Promise<number | null> {
    if (!this.channel) return null;
    try {
      await this.channel.send('HeapProfiler.collectGarbage', {}, 30_000);
      return await this.channel.heapUsed();
    } catch {
      return null;
    }
  }

  median(): number {
    return median(this.series);
  }

  async stop(): Promise<void> {
    await this.channel?.detach();
  }
}

/** One export per entry, each in a fresh browser; `live`: force a full GC before every sample. */
export async function runMemory(
  runs: Array<{ codes: number; live: boolean }>,
  log: (s: string) => void = () => {},
): Promise<MemoryResult[]> {
  const { launchExtension } = await import('../e2e/harness');
  const { openPanel, startExport, waitForCompleted } = await import('../e2e/panel');
  const { startSandbox } = await import('../sandbox/server');

  const sandbox = await startSandbox({
    port: 0,
    plan: 'unlimited',
    latencyMs: 1,
    seed: { bulkCodes: 0 },
  });
  const out: MemoryResult[] = [];
  try {
    for (const { codes, live } of runs) {
      // Made server-side in one go (no API requests).
      const store = sandbox.createStore({ bulkCodes: codes });
      const l = await launchExtension({ sandbox, headless: true });
      try {
        await l.connectStore(store.tokens.modify, store.storeHash);
        const browser = await l.context.browser()!.newBrowserCDPSession();
        const origin = `chrome-extension://${l.extensionId}/`;
        const worker = new HeapSampler(
          browser,
          (ts) => ts.find((t) => t.type === 'service_worker' && t.url.startsWith(origin)),
          live,
        );
        const doc = new HeapSampler(
          browser,
          (ts) => ts.find((t) => t.url.startsWith(origin) && t.url.includes('offscreen')),
          live,
        );
        let sampling = true;
        let t0 = 0;
        let requests = 0;
        let lastRequestMs: number | null = null;
        const tick = async () => {
          const { targetInfos } = (await browser.send('Target.getTargets')) as {
            targetInfos: TargetInfo[];
          };
          await Promise.all([worker.sample(targetInfos), doc.sample(targetInfos)]);
          const n = sandbox.stats(store.storeHash).perEndpoint.listCodes.requests;
          if (t0 && n !== requests) lastRequestMs = performance.now() - t0;
          requests = n;
        };
        await l.serviceWorker(); // running, so the first sample is of the idle worker
        await tick();
        const workerStart = worker.first ?? 0;
        const loop = (async () => {
          while (sampling) {
            const t = performance.now();
            await tick().catch(() => undefined);
            await new Promise((r) => setTimeout(r, Math.max(0, 200 - (performance.now() - t))));
          }
        })();

        const { panel } = await openPanel(l, store.storeHash, store.promotions.bulk);
        t0 = performance.now();
        await startExport(panel);
        const timeout = Math.max(120_000, codes / 2);
        let status = '';
        let file: string | null = null;
        let completedMs: number | null = null;
        try {
          status = await waitForCompleted(panel, timeout);
          completedMs = performance.now() - t0;
          file = await l.waitForDownload(
            new RegExp(
              `^${store.storeHash}-promotion-${store.promotions.bulk}(-[a-z0-9-]+)?-export-.*\\.csv$`,
            ),
            timeout,
          );
        } catch (e) {
          status = `failed: ${(e as Error).message.split('\n')[0]}`;
        }
        const wallMs = performance.now() - t0;
        // A few more samples: the document may still be busy right after the download starts.
        await new Promise((r) => setTimeout(r, 600));
        sampling = false;
        await loop;
        const workerAfterGc = await worker.afterGc();
        const documentAfterGc = await doc.afterGc();
        await worker.stop();
        await doc.stop();
        const result: MemoryResult = {
          codes,
          live,
          wallMs,
          workerStart,
          workerPeak: worker.peak,
          documentPeak: doc.samples ? doc.peak : null,
          fileBytes: file ? statSync(file).size : null,
          workerSamples: worker.samples,
          documentSamples: doc.samples,
          workerAfterGc,
          documentAfterGc,
          workerMedian: worker.median(),
          workerSeries: worker.series,
          documentSeries: doc.series,
          status,
          lastRequestMs,
          completedMs,
          requests,
        };
        log(
          `  ${codes} codes${live ? ' (full GC before each sample)' : ''}: ${(wallMs / 1000).toFixed(1)} s (last page request at ${((lastRequestMs ?? 0) / 1000).toFixed(1)} s, "Completed" at ${((completedMs ?? 0) / 1000).toFixed(1)} s); worker peak ${(worker.peak / 2 ** 20).toFixed(1)} MB, document peak ${(doc.peak / 2 ** 20).toFixed(1)} MB; ${status}`,
        );
        out.push(result);
      } finally {
        await l.close({ removeFiles: true });
      }
    }
  } finally {
    await sandbox.close();
  }
  return out;
}
