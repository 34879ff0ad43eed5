/**
 * The panel's model, its one entry point: the panel store (panel-state.ts) with the loaders
 * (loaders.ts), the merchant's requests (job-actions.ts) and the purge and import dialogs
 * (purge-dialog.ts, import-dialog.ts), plus moving between pages and promotions. Every
 * request goes through the injected UiBridge; the background stays the source of truth (jobs
 * come only from its feed).
 */
import type { PromotionInfo, StoreView } from '@/utils/messages';
import type { JobView } from '@/utils/jobs/types';
import type { UiBridge } from '@/utils/ui/bridge';
import { isUnfinished } from '@/utils/ui/job-text';
import { createFormStore, type FormStore } from './form-store';
import * as importDialog from './import-dialog';
import { createJobActions, type JobActions } from './job-actions';
import { createJobsStore, feedJobs, type JobsStore } from './jobs-store';
import { createLoaders, type Loaders } from './loaders';
import {
  createPanelStore,
  empty,
  targetOf,
  type PanelLocation,
  type PanelStore,
} from './panel-state';
import * as purgeDialog from './purge-dialog';

export type { PanelLocation } from './panel-state';

export interface PanelModel
  extends Pick<Loaders, 'refreshStore' | 'refreshPromotion' | 'refreshBulkPromotions'>, JobActions {
  bridge: UiBridge;
  panel: PanelStore;
  jobs: JobsStore;
  form: FormStore;
  /** The URL changed (or first mount). */
  navigate(location: PanelLocation): void;
  pickPromotion(promotionId: number | null): void;
  openPurgeDialog(jobId?: string | null): void;
  /** Closes the dialog; a purge not yet confirmed is cancelled (nothing is deleted). */
  closePurgeDialog(): Promise<void>;
  openImportDialog(): void;
  /** Closes "Import codes" without sending anything (a file read stays a draft the background clears). */
  closeImportDialog(): void;
  setCollapsed(collapsed: boolean): void;
  dismissJob(jobId: string): void;
  dispose(): void;
}

export function createPanelModel(
  bridge: UiBridge,
  options: { collapsed?: boolean } = {},
): PanelModel {
  const jobs = createJobsStore();
  const form = createFormStore();
  const panel = createPanelStore(options);
  const loaders = createLoaders(bridge, panel);
  const actions = createJobActions(bridge, panel, jobs);
  const closePurgeDialog = () =>
    purgeDialog.close(panel, jobs, (jobId) => actions.control(jobId, 'cancel'));

  function navigate(location: PanelLocation): void {
    const before = panel.getState();
    const sameStore = before.location?.storeHash === location.storeHash;
    const samePromotion = sameStore && before.location?.promotionId === location.promotionId;
    if (samePromotion && before.location?.page === location.page) return;
    if (before.purgeDialog.open) void closePurgeDialog();
    importDialog.close(panel);
    loaders.dropPromotionReply();
    loaders.dropBulkPromotionsReply();
    panel.setState({
      location,
      promotionId: location.promotionId,
      promotion: empty<PromotionInfo | null>(null),
      // The list is the store's: it stays right while the merchant stays in that store.
      bulkPromotions: sameStore ? before.bulkPromotions : empty<PromotionInfo[]>([]),
      actionError: null,
      ...(sameStore ? {} : { store: empty<StoreView | null>(null) }),
    });
    // A store not known yet is asked about first; its reply asks for the rest (loaders.ts).
    if (!sameStore || before.store.status !== 'ready') {
      void loaders.refreshStore();
      return;
    }
    if (!before.store.value) return;
    if (location.promotionId !== null) void loaders.refreshPromotion();
    else if (before.bulkPromotions.status !== 'ready') void loaders.refreshBulkPromotions();
  }

  function pickPromotion(promotionId: number | null): void {
    if (panel.getState().promotionId === promotionId) return;
    if (panel.getState().purgeDialog.open) void closePurgeDialog();
    importDialog.close(panel);
    loaders.dropPromotionReply();
    // The list already says what the promotion is: shown at once, then asked about again.
    const listed = panel.getState().bulkPromotions.value.find((p) => p.id === promotionId) ?? null;
    panel.setState({
      promotionId,
      promotion: listed
        ? { status: 'ready', value: listed, error: null }
        : empty<PromotionInfo | null>(null),
      actionError: null,
    });
    if (promotionId !== null) void loaders.refreshPromotion();
  }

  // When one of this promotion's jobs finishes, its code count has changed: ask again. A
  // quick job can start and finish between two feed messages, so one first seen already
  // finished counts too (once the first list, the history, has arrived).
  let lastStatuses = new Map<string, JobView['status']>();
  let primed = false;
  const unsubscribeJobs = jobs.subscribe((state) => {
    const next = new Map(state.jobs.map((job) => [job.id, job.status] as const));
    const t = targetOf(panel);
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
    if (finishedHere) void loaders.refreshPromotion();
  });
  const stopFeed = feedJobs(bridge, jobs);

  return {
    bridge,
    panel,
    jobs,
    form,
    navigate,
    refreshStore: loaders.refreshStore,
    refreshPromotion: loaders.refreshPromotion,
    refreshBulkPromotions: loaders.refreshBulkPromotions,
    pickPromotion,
    ...actions,
    openPurgeDialog: (jobId = null) => purgeDialog.show(panel, jobId),
    closePurgeDialog,
    openImportDialog: () => importDialog.show(panel),
    closeImportDialog: () => importDialog.close(panel),
    setCollapsed: (collapsed) => panel.setState({ collapsed }),
    dismissJob: (jobId) => panel.setState((s) => ({ dismissed: [...s.dismissed, jobId] })),
    dispose: () => {
      unsubscribeJobs();
      stopFeed();
    },
  };
}
