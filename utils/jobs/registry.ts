import { createClient, type BigCommerceClient } from '../api/client';
import { ApiError } from '../api/errors';
import { createGovernor, type Governor, type GovernorOptions } from '../rate';
import type { Spool } from '../storage/spool';
import { csvFilename } from '../csv/filename';
import { parseCodesCsv } from '../csv/read';
import { fileRowCount } from './files';
import { emptyGenerate, generateCodes } from './generate';
import { createMeter, type Meter } from './meter';
import { emptyPurge, executePurge, planPurge, purgeSpools } from './purge';
import { toView, type JobRecord, type LiveState } from './record';
import { emptyScan, scanPromotion } from './scan';
import type { ControlAction } from '../messages';
import type { JobFile, JobRequest, JobView, WaitReason } from './types';

export interface RecordStore {
  save(rec: JobRecord): Promise<void>;
  get(id: string): Promise<JobRecord | null>;
  list(): Promise<JobRecord[]>;
  remove(id: string): Promise<void>;
}

export interface RegistryDeps {
  records: RecordStore;
  spool: Spool;
  /** The store's token, or null if the store is not connected. Stays inside the background. */
  tokenFor(storeHash: string): Promise<string | null>;
  fetch?: typeof fetch;
  apiOrigin?: string;
  now?: () => number;
  newId?: () => string;
  governor?: Omit<GovernorOptions, 'onWait'>;
  /** Parallel requests a job keeps going per kind; the store's governor caps them anyway. */
  workers?: { list?: number; generate?: number; delete?: number };
  /** Called (throttled) whenever a job's view changes. */
  onChange?(jobs: JobView[]): void;
  /** A job's file is complete: the background saves it through the downloads API. */
  onFileReady?(job: JobRecord, file: JobFile): void;
  /** Minimum ms between persisted progress writes. */
  saveEveryMs?: number;
}

const PAUSE = 'paused by merchant';
const CANCEL = 'cancelled by merchant';
/** Tests: stop as a killed worker would, writing nothing more. */
const HALT = 'worker stopped';

interface Active {
  controller: AbortController;
  meter: Meter;
  done: Promise<void>;
}

export type JobRegistry = ReturnType<typeof createRegistry>;

export function createRegistry(deps: RegistryDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  const workers = { list: 10, generate: 10, delete: 40, ...deps.workers };
  const saveEveryMs = deps.saveEveryMs ?? 1000;

  const jobs = new Map<string, JobRecord>();
  const active = new Map<string, Active>();
  const governors = new Map<string, Governor>();
  const storeWait = new Map<string, WaitReason | null>();
  const jobWaits = new Map<string, WaitReason | null>();
  const lastSaved = new Map<string, number>();
  let loaded: Promise<void> | null = null;

  function load() {
    loaded ??= deps.records.list().then((all) => {
      for (const r of all) if (!jobs.has(r.id)) jobs.set(r.id, r);
    });
    return loaded;
  }

  function governorFor(storeHash: string): Governor {
    let g = governors.get(storeHash);
    if (!g) {
      g = createGovernor({
        ...deps.governor,
        onWait: (w) => {
          storeWait.set(storeHash, w ? ({ ...w, attempt: w.attempt ?? 1 } as WaitReason) : null);
          changed();
        },
      });
      governors.set(storeHash, g);
    }
    return g;
  }

  async function clientFor(storeHash: string): Promise<BigCommerceClient> {
    const token = await deps.tokenFor(storeHash);
    if (!token)
      throw new ApiError('auth', `Store ${storeHash} is not connected to the extension. Connect it in the extension's settings, then resume.`);
    return createClient({ storeHash, token, governor: governorFor(storeHash), fetch: deps.fetch, apiOrigin: deps.apiOrigin });
  }

  // Change notifications are coalesced: progress ticks many times a second.
  let notifyTimer: ReturnType<typeof setTimeout> | null = null;
  function changed() {
    if (!deps.onChange || notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      deps.onChange?.(views());
    }, 100);
  }

  function live(r: JobRecord): LiveState {
    const a = active.get(r.id);
    const wait = jobWaits.get(r.id) ?? storeWait.get(r.storeHash) ?? null;
    const eta = a ? a.meter.eta(r.done, r.total) : null;
    // A known wait (quota window, 429 pause) adds to the time left at least its own length.
    const waitLeft = wait && 'untilMs' in wait ? Math.max(0, wait.untilMs - now()) : 0;
    return {
      ratePerSecond: a ? Math.round(a.meter.rate()) : 0,
      etaMs: eta === null ? null : Math.max(eta, waitLeft),
      wait,
    };
  }

  function views(): JobView[] {
    return [...jobs.values()].sort((a, b) => b.createdAt - a.createdAt).map((r) => toView(r, live(r)));
  }

  async function persist(r: JobRecord, force = true) {
    r.updatedAt = now();
    const last = lastSaved.get(r.id) ?? 0;
    changed();
    if (!force && now() - last < saveEveryMs) return;
    lastSaved.set(r.id, now());
    await deps.records.save(r);
  }

  function progress(r: JobRecord, done: number, total: number | null, phase?: 'scan' | 'delete') {
    r.done = done;
    r.total = total;
    if (phase) r.phase = phase;
    active.get(r.id)?.meter.sample(done);
    void persist(r, false);
  }

  async function finishFile(r: JobRecord, kind: JobFile['kind']) {
    const rows = await fileRowCount(deps.spool, r, kind);
    const file: JobFile = {
      kind,
      rows,
      filename: csvFilename({ storeHash: r.storeHash, promotionId: r.promotionId, kind, at: new Date(now()) }),
    };
    r.files = [...r.files.filter((f) => f.kind !== kind), file];
    await persist(r);
    deps.onFileReady?.(r, file);
  }

  /** Runs (or carries on) a job from its checkpoint until it ends, pauses or waits. */
  function launch(r: JobRecord) {
    if (active.has(r.id)) return;
    const controller = new AbortController();
    const meter = createMeter(now);
    const entry: Active = { controller, meter, done: Promise.resolve() };
    active.set(r.id, entry);
    r.status = 'running';
    r.error = null;
    entry.done = (async () => {
      try {
        await persist(r);
        const client = await clientFor(r.storeHash);
        await runKind(r, client, controller.signal);
      } catch (e) {
        const reason = controller.signal.aborted ? controller.signal.reason : null;
        if (reason === HALT) {
          active.delete(r.id);
          return;
        }
        if (reason === PAUSE) r.status = 'paused';
        else if (reason === CANCEL) {
          r.status = 'cancelled';
          r.finishedAt = now();
          // Codes already made exist in the store: the merchant gets them in a file.
          if (r.kind === 'generate' && (await deps.spool.rowCount(r.id)) > 0) await finishFile(r, 'generated');
        } else {
          r.status = 'failed';
          r.error = messageOf(e);
          r.finishedAt = now();
          if (r.kind === 'generate' && (await deps.spool.rowCount(r.id).catch(() => 0)) > 0) await finishFile(r, 'generated').catch(() => {});
        }
      }
      active.delete(r.id);
      jobWaits.delete(r.id);
      await persist(r);
    })();
  }

  async function runKind(r: JobRecord, client: BigCommerceClient, signal: AbortSignal) {
    const req = r.request;
    if (req.kind === 'generate') {
      r.generate ??= emptyGenerate();
      r.total = req.params.count;
      await generateCodes({
        client,
        spool: deps.spool,
        ns: r.id,
        promotionId: r.promotionId,
        params: req.params,
        signal,
        workers: workers.generate,
        checkpoint: r.generate,
        save: () => persist(r),
        onProgress: (done) => progress(r, done, req.params.count),
        onWait: (w) => {
          jobWaits.set(r.id, w);
          changed();
        },
      });
      r.status = 'completed';
      r.finishedAt = now();
      await finishFile(r, 'generated');
    } else if (req.kind === 'export') {
      r.scan ??= emptyScan();
      await scanPromotion({
        client,
        spool: deps.spool,
        ns: r.id,
        promotionId: r.promotionId,
        signal,
        workers: workers.list,
        checkpoint: r.scan,
        save: () => persist(r),
        onProgress: (done, total) => progress(r, done, total),
      });
      r.status = 'completed';
      r.finishedAt = now();
      r.total = r.done;
      await finishFile(r, 'export');
    } else {
      r.purge ??= emptyPurge();
      const cp = r.purge;
      const purgeDeps = {
        client,
        spool: deps.spool,
        jobId: r.id,
        promotionId: r.promotionId,
        mode: req.mode,
        signal,
        workers: workers.list,
        checkpoint: cp,
        save: () => persist(r),
        onProgress: (phase: 'scan' | 'delete', done: number, total: number | null) => progress(r, done, total, phase),
        spendable: () => governorFor(r.storeHash).snapshot().spendable,
      };
      if (!cp.planned) {
        await planPurge(purgeDeps);
        // The backup is complete before anything is deleted: save it now.
        if (cp.targetCount) await finishFile(r, 'purge-backup');
      }
      if (!cp.confirmed) {
        r.status = 'awaiting-confirmation';
        r.phase = 'scan';
        r.done = cp.targetCount ?? 0;
        r.total = cp.targetCount;
        return;
      }
      await executePurge({ ...purgeDeps, workers: workers.delete });
      r.status = 'completed';
      r.finishedAt = now();
      r.done = cp.deleted;
      if (cp.failed > 0)
        r.error = `${cp.failed} of ${cp.targetCount} codes could not be deleted (the store refused them; they may be in use). They are still in the backup file.`;
    }
  }

  return {
    load,

    async start(request: JobRequest, promotionName: string | null = null): Promise<string> {
      await load();
      const id = newId();
      const t = now();
      const { csvText, ...rest } = request as JobRequest & { csvText?: string };
      // A purge list arrives as the file's text: parsed here, where everything is checked.
      let codes: string[] | undefined;
      let skippedLines: number | undefined;
      if (request.kind === 'purge' && request.mode === 'list') {
        const parsed = parseCodesCsv(csvText ?? '');
        if (parsed.error) throw new ApiError('invalid', parsed.error);
        if (!parsed.codes.length) throw new ApiError('invalid', 'The file holds no codes to delete.');
        codes = parsed.codes;
        skippedLines = parsed.skippedCount;
      }
      const r: JobRecord = {
        id,
        kind: request.kind,
        storeHash: request.storeHash,
        promotionId: request.promotionId,
        promotionName,
        request: request.kind === 'purge' ? { ...(rest as Omit<typeof request, 'csvText'>), listSize: codes?.length, skippedLines } : (request as JobRecord['request']),
        status: 'queued',
        done: 0,
        total: null,
        error: null,
        files: [],
        createdAt: t,
        updatedAt: t,
        finishedAt: null,
      };
      if (codes) {
        const ns = purgeSpools(id).input;
        for (let i = 0, chunk = 1; i < codes.length; i += 5000, chunk++) await deps.spool.putChunk(ns, chunk, codes.slice(i, i + 5000));
      }
      jobs.set(id, r);
      await persist(r);
      launch(r);
      return id;
    },

    async control(id: string, action: ControlAction): Promise<void> {
      await load();
      const r = jobs.get(id);
      if (!r) throw new ApiError('not-found', 'That job no longer exists.');
      const a = active.get(id);
      switch (action) {
        case 'pause':
          if (!a) throw new ApiError('invalid', 'Only a running job can be paused.');
          a.controller.abort(PAUSE);
          await a.done;
          return;
        case 'resume':
          if (!['paused', 'interrupted', 'failed'].includes(r.status) || a)
            throw new ApiError('invalid', 'This job cannot be resumed.');
          r.finishedAt = null;
          launch(r);
          return;
        case 'confirm':
          if (r.status !== 'awaiting-confirmation' || !r.purge) throw new ApiError('invalid', 'This purge is not waiting for confirmation.');
          r.purge.confirmed = true;
          launch(r);
          return;
        case 'cancel':
          if (a) {
            a.controller.abort(CANCEL);
            await a.done;
          } else if (!['completed', 'cancelled'].includes(r.status)) {
            r.status = 'cancelled';
            r.finishedAt = now();
            await persist(r);
          }
          return;
      }
    },

    /**
     * After the worker or the browser restarted: carry on jobs that were running.
     * `autoResume` false leaves creating and deleting jobs for the merchant to resume
     * (a browser restart can come hours later); reading jobs always carry on.
     */
    async recover(autoResume: boolean): Promise<void> {
      await load();
      for (const r of jobs.values()) {
        if (active.has(r.id) || !['running', 'queued'].includes(r.status)) continue;
        if (autoResume || r.kind === 'export') launch(r);
        else {
          r.status = 'interrupted';
          await persist(r);
        }
      }
    },

    async remove(id: string): Promise<void> {
      await load();
      if (active.has(id)) throw new ApiError('invalid', 'Cancel the job before removing it.');
      for (const ns of [id, ...Object.values(purgeSpools(id))]) await deps.spool.clear(ns);
      jobs.delete(id);
      await deps.records.remove(id);
      changed();
    },

    async list(): Promise<JobView[]> {
      await load();
      return views();
    },

    get(id: string): JobRecord | undefined {
      return jobs.get(id);
    },

    /** True while any job is running: the background keeps the worker awake for it. */
    busy(): boolean {
      return active.size > 0;
    },

    /** Resolves when every running job has stopped (tests, shutdown). */
    async idle(): Promise<void> {
      while (active.size) await Promise.all([...active.values()].map((a) => a.done));
    },

    /** Stops every job as a killed worker would: nothing is saved beyond what already was. */
    async halt(): Promise<void> {
      for (const a of active.values()) a.controller.abort(HALT);
      await Promise.allSettled([...active.values()].map((a) => a.done));
    },

    clientFor,
    governorFor,
  };
}

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof DOMException && e.name === 'QuotaExceededError')
    return 'The browser is out of storage space for this job. Free some disk space, then resume.';
  return 'Something went wrong inside the extension. Your progress is saved: try Resume, and if it happens again, report it.';
}
