/**
 * The panel's model: where it is (store, promotion), what the background said about them, and
 * the actions a merchant can take. Every request goes through the injected UiBridge; the
 * background stays the source of truth (jobs come only from its feed).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ControlAction, PromotionInfo, Result, StoreView } from '@/utils/messages';
import type { FileKind, GenerateParams, JobView, PurgeMode } from '@/utils/jobs/types';
import type { UiBridge } from '@/utils/ui/bridge';
import type { ControlPanelLocation } from '@/utils/control-panel-url';
import { isUnfinished } from '@/utils/ui/job-text';
import { createFormStore, type FormStore } from './form-store';
import { createJobsStore, feedJobs, type JobsStore } from './jobs-store';

/** What the content script read from the page's URL (see utils/control-panel-url.ts). */
export type PanelLocation = ControlPanelLocation;

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface Loadable<T> {
  status: LoadStatus;
  value: T;
  error: string | null;
}

export interface PanelState {
  location: PanelLocation | null;
  store: Loadable<StoreView | null>;
  /** The promotion being worked on: from the URL, or picked on the list page. */
  promotionId: number | null;
  promotion: Loadable<PromotionInfo | null>;
  bulkPromotions: Loadable<PromotionInfo[]>;
  /** A request the merchant made is on its way (buttons wait for it). */
  busy: boolean;
  /** The last request that failed, in words (shown as an alert). */
  actionError: string | null;
  collapsed: boolean;
  /** Finished jobs the merchant put away in this panel (the job itself stays in history). */
  dismissed: readonly string[];
  purgeDialog: { open: boolean; jobId: string | null };
}

export type PanelStore = StoreApi<PanelState>;

const empty = <T>(value: T): Loadable<T> => ({ status: 'idle', value, error: null });

export interface PanelModel {
  bridge: UiBridge;
  panel: PanelStore;
  jobs: JobsStore;
  form: FormStore;
  /** The URL changed (or first mount). */
  navigate(location: PanelLocation): void;
  /** Asks again about the store (after connecting it in the settings, say). */
  refreshStore(): Promise<void>;
  refreshPromotion(): Promise<void>;
  /** The list page's picker: asks again for the store's bulk coupon promotions. */
  refreshBulkPromotions(): Promise<void>;
  pickPromotion(promotionId: number | null): void;
  openOptions(): Promise<void>;
  startGenerate(params: GenerateParams): Promise<string | null>;
  startExport(unusedOnly: boolean): Promise<string | null>;
  /**
   * Starts the purge's scan (and backup); nothing is deleted before `confirmPurge`.
   * `csvText`: the merchant's file as text (list mode); the background parses and checks it.
   */
  startPurge(mode: PurgeMode, csvText?: string): Promise<string | null>;
  /** Sends the typed confirmation, for the promotion shown; dropped if the page has moved on. */
  confirmPurge(jobId: string): Promise<boolean>;
  control(jobId: string, action: ControlAction): Promise<boolean>;
  download(jobId: string, fileKind: FileKind): Promise<boolean>;
  openPurgeDialog(jobId?: string | null): void;
  /** Closes the dialog; a purge not yet confirmed is cancelled (nothing is deleted). */
  closePurgeDialog(): Promise<void>;
  setCollapsed(collapsed: boolean): void;
  dismissJob(jobId: string): void;
  clearError(): void;
  dispose(): void;
}

/** Jobs of one promotion, newest first. */
export function jobsForPromotion(jobs: readonly JobView[], storeHash: string, promotionId: number | null): JobView[] {
  if (promotionId === null) return [];
  return jobs
    .filter((job) => job.storeHash === storeHash && job.promotionId === promotionId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** What the panel shows: every unfinished job, then the latest finished one unless dismissed. */
export function visibleJobs(
  jobs: readonly JobView[],
  storeHash: string,
  promotionId: number | null,
  dismissed: readonly string[],
): JobView[] {
  const mine = jobsForPromotion(jobs, storeHash, promotionId);
  const unfinished = mine.filter((job) => isUnfinished(job.status));
  const lastFinished = mine
    .filter((job) => !isUnfinished(job.status))
    .sort((a, b) => (b.finishedAt ?? b.updatedAt) - (a.finishedAt ?? a.updatedAt))[0];
  return lastFinished && !dismissed.includes(lastFinished.id) ? [...unfinished, lastFinished] : unfinished;
}

export function createPanelModel(bridge: UiBridge, options: { collapsed?: boolean } = {}): PanelModel {
  const jobs = createJobsStore();
  const form = createFormStore();
  const panel = createStore<PanelState>()(() => ({
    location: null,
    store: empty<StoreView | null>(null),
    promotionId: null,
    promotion: empty<PromotionInfo | null>(null),
    bulkPromotions: empty<PromotionInfo[]>([]),
    busy: false,
    actionError: null,
    collapsed: options.collapsed ?? false,
    dismissed: [],
    purgeDialog: { open: false, jobId: null },
  }));

  // Replies that arrive after the merchant moved on are dropped (sequence numbers).
  let storeSeq = 0;
  let promotionSeq = 0;
  let listSeq = 0;

  const storeHash = () => panel.getState().location?.storeHash ?? null;

  async function refreshStore(): Promise<void> {
    const hash = storeHash();
    if (!hash) return;
    const seq = ++storeSeq;
    // Asking again about a store already shown keeps it on screen (no flash of "Checking...").
    panel.setState((s) => (s.store.status === 'ready' ? s : { store: { ...s.store, status: 'loading', error: null } }));
    const wasReady = panel.getState().store.status === 'ready';
    const reply = await bridge.send('getStore', { storeHash: hash });
    if (seq !== storeSeq) return;
    if (!reply.ok && wasReady) return; // a quiet re-check that failed: keep what is shown
    panel.setState({
      store: reply.ok
        ? { status: 'ready', value: reply.value, error: null }
        : { status: 'error', value: null, error: reply.error },
    });
    const s = panel.getState();
    if (reply.ok && reply.value) {
      if (s.promotionId !== null && s.promotion.status !== 'ready') void refreshPromotion();
      if (s.location && s.location.promotionId === null && s.bulkPromotions.status !== 'ready') void loadBulkPromotions();
    }
  }

  async function refreshPromotion(): Promise<void> {
    const hash = storeHash();
    const promotionId = panel.getState().promotionId;
    if (!hash || promotionId === null) return;
    const seq = ++promotionSeq;
    panel.setState((s) => ({
      promotion: {
        status: 'loading',
        value: s.promotion.value?.id === promotionId ? s.promotion.value : null,
        error: null,
      },
    }));
    const reply = await bridge.send('getPromotion', { storeHash: hash, promotionId });
    if (seq !== promotionSeq) return;
    panel.setState({
      promotion: reply.ok
        ? { status: 'ready', value: reply.value, error: null }
        : { status: 'error', value: null, error: reply.error },
    });
  }

  async function loadBulkPromotions(): Promise<void> {
    const hash = storeHash();
    if (!hash) return;
    const seq = ++listSeq;
    panel.setState((s) => ({ bulkPromotions: { ...s.bulkPromotions, status: 'loading', error: null } }));
    const reply = await bridge.send('listBulkPromotions', { storeHash: hash });
    if (seq !== listSeq) return;
    panel.setState({
      bulkPromotions: reply.ok
        ? { status: 'ready', value: reply.value, error: null }
        : { status: 'error', value: [], error: reply.error },
    });
  }

  function navigate(location: PanelLocation): void {
    const before = panel.getState();
    const sameStore = before.location?.storeHash === location.storeHash;
    const samePromotion = sameStore && before.location?.promotionId === location.promotionId;
    if (samePromotion && before.location?.page === location.page) return;
    if (before.purgeDialog.open) void closePurgeDialog();
    promotionSeq++;
    listSeq++;
    panel.setState({
      location,
      promotionId: location.promotionId,
      promotion: empty<PromotionInfo | null>(null),
      bulkPromotions: sameStore ? before.bulkPromotions : empty<PromotionInfo[]>([]),
      actionError: null,
      ...(sameStore ? {} : { store: empty<StoreView | null>(null) }),
    });
    if (!sameStore || before.store.status !== 'ready') {
      void refreshStore();
      return;
    }
    if (!before.store.value) return;
    if (location.promotionId !== null) void refreshPromotion();
    else if (before.bulkPromotions.status !== 'ready') void loadBulkPromotions();
  }

  function pickPromotion(promotionId: number | null): void {
    if (panel.getState().promotionId === promotionId) return;
    if (panel.getState().purgeDialog.open) void closePurgeDialog();
    promotionSeq++;
    const listed = panel.getState().bulkPromotions.value.find((p) => p.id === promotionId) ?? null;
    panel.setState({
      promotionId,
      promotion: listed ? { status: 'ready', value: listed, error: null } : empty<PromotionInfo | null>(null),
      actionError: null,
    });
    if (promotionId !== null) void refreshPromotion();
  }

  /** Runs a request that the merchant started, with `busy` and the error shown. */
  let pending = 0;
  async function act<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
    pending += 1;
    panel.setState({ busy: true, actionError: null });
    try {
      const reply = await run();
      panel.setState({ actionError: reply.ok ? null : reply.error });
      return reply;
    } finally {
      pending -= 1;
      panel.setState({ busy: pending > 0 });
    }
  }

  function target(): { storeHash: string; promotionId: number } | null {
    const hash = storeHash();
    const promotionId = panel.getState().promotionId;
    return hash && promotionId !== null ? { storeHash: hash, promotionId } : null;
  }

  async function startGenerate(params: GenerateParams): Promise<string | null> {
    const t = target();
    if (!t) return null;
    const started = await act(() => bridge.send('startJob', { kind: 'generate', ...t, params }));
    return started.ok ? started.value.jobId : null;
  }

  async function startExport(unusedOnly: boolean): Promise<string | null> {
    const t = target();
    if (!t) return null;
    const started = await act(() => bridge.send('startJob', { kind: 'export', ...t, unusedOnly }));
    return started.ok ? started.value.jobId : null;
  }

  async function startPurge(mode: PurgeMode, csvText?: string): Promise<string | null> {
    const t = target();
    if (!t) return null;
    const request =
      mode === 'list' ? { kind: 'purge' as const, ...t, mode, csvText: csvText ?? '' } : { kind: 'purge' as const, ...t, mode };
    const started = await act(() => bridge.send('startJob', request));
    if (!started.ok) return null;
    panel.setState({ purgeDialog: { open: true, jobId: started.value.jobId } });
    return started.value.jobId;
  }

  async function control(jobId: string, action: ControlAction): Promise<boolean> {
    return (await act(() => bridge.send('controlJob', { jobId, action }))).ok;
  }

  async function confirmPurge(jobId: string): Promise<boolean> {
    const t = target();
    const job = jobs.getState().jobs.find((j) => j.id === jobId);
    // The page has moved to another promotion since the confirmation was shown: dropped.
    if (!t || !job || job.storeHash !== t.storeHash || job.promotionId !== t.promotionId) return false;
    const ok = (await act(() => bridge.send('confirmPurge', { jobId, ...t }))).ok;
    if (ok && panel.getState().purgeDialog.jobId === jobId) panel.setState({ purgeDialog: { open: false, jobId: null } });
    return ok;
  }

  async function download(jobId: string, fileKind: FileKind): Promise<boolean> {
    return (await act(() => bridge.send('downloadFile', { jobId, fileKind }))).ok;
  }

  async function openOptions(): Promise<void> {
    const hash = storeHash();
    await act(() => bridge.send('openOptions', hash ? { storeHash: hash } : {}));
  }

  function openPurgeDialog(jobId: string | null = null): void {
    panel.setState({ purgeDialog: { open: true, jobId } });
  }

  async function closePurgeDialog(): Promise<void> {
    const { jobId } = panel.getState().purgeDialog;
    panel.setState({ purgeDialog: { open: false, jobId: null } });
    if (jobId === null) return;
    const job = jobs.getState().jobs.find((j) => j.id === jobId);
    // Not confirmed yet (scanning, or waiting for the word): cancel, so nothing is ever deleted.
    const confirmed = job?.progress.phase === 'delete';
    if (!confirmed && (!job || isUnfinished(job.status))) await control(jobId, 'cancel');
  }

  // When one of this promotion's jobs finishes, its code count has changed: ask again. A
  // quick job can start and finish between two feed messages, so one first seen already
  // finished counts too (once the first list, the history, has arrived).
  let lastStatuses = new Map<string, JobView['status']>();
  let primed = false;
  const unsubscribeJobs = jobs.subscribe((state) => {
    const next = new Map(state.jobs.map((job) => [job.id, job.status] as const));
    const t = target();
    const finishedHere =
      primed &&
      state.jobs.some(
        (job) =>
          t !== null &&
          job.storeHash === t.storeHash &&
          job.promotionId === t.promotionId &&
          !isUnfinished(job.status) &&
          isUnfinished(lastStatuses.get(job.id) ?? 'queued'),
      );
    lastStatuses = next;
    if (state.loaded) primed = true;
    if (finishedHere) void refreshPromotion();
  });
  const stopFeed = feedJobs(bridge, jobs);

  return {
    bridge,
    panel,
    jobs,
    form,
    navigate,
    refreshStore,
    refreshPromotion,
    refreshBulkPromotions: loadBulkPromotions,
    pickPromotion,
    openOptions,
    startGenerate,
    startExport,
    startPurge,
    confirmPurge,
    control,
    download,
    openPurgeDialog,
    closePurgeDialog,
    setCollapsed: (collapsed) => panel.setState({ collapsed }),
    dismissJob: (jobId) => panel.setState((s) => ({ dismissed: [...s.dismissed, jobId] })),
    clearError: () => panel.setState({ actionError: null }),
    dispose: () => {
      unsubscribeJobs();
      stopFeed();
    },
  };
}
