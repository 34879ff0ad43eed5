/**
 * The requests a merchant makes from the panel: start a generate, export or purge, confirm a
 * purge, pause/resume/cancel, download a file, open the settings. Each one marks the panel
 * busy while it is on its way and shows its failure in words (`act`).
 */
import type { ControlAction, Result } from '@/utils/messages';
import type { FileKind, GenerateParams, PurgeMode } from '@/utils/jobs/types';
import type { UiBridge } from '@/utils/ui/bridge';
import type { JobsStore } from './jobs-store';
import { storeHashOf, targetOf, type PanelStore } from './panel-state';
import * as purgeDialog from './purge-dialog';

export interface JobActions {
  openOptions(): Promise<void>;
  startGenerate(params: GenerateParams): Promise<string | null>;
  startExport(unusedOnly: boolean): Promise<string | null>;
  /**
   * Starts the purge's scan (and backup), shown in the purge dialog; nothing is deleted before
   * `confirmPurge`. `csvText`: the merchant's file as text (list mode); the background parses and checks it.
   */
  startPurge(mode: PurgeMode, csvText?: string): Promise<string | null>;
  /** Sends the typed confirmation, for the promotion shown; dropped if the page has moved on. */
  confirmPurge(jobId: string): Promise<boolean>;
  control(jobId: string, action: ControlAction): Promise<boolean>;
  download(jobId: string, fileKind: FileKind): Promise<boolean>;
}

export function createJobActions(bridge: UiBridge, panel: PanelStore, jobs: JobsStore): JobActions {
  // Requests can overlap (a download while a cancel is on its way): busy until the last one answers.
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

  async function startGenerate(params: GenerateParams): Promise<string | null> {
    const t = targetOf(panel);
    if (!t) return null;
    const started = await act(() => bridge.send('startJob', { kind: 'generate', ...t, params }));
    return started.ok ? started.value.jobId : null;
  }

  async function startExport(unusedOnly: boolean): Promise<string | null> {
    const t = targetOf(panel);
    if (!t) return null;
    const started = await act(() => bridge.send('startJob', { kind: 'export', ...t, unusedOnly }));
    return started.ok ? started.value.jobId : null;
  }

  async function startPurge(mode: PurgeMode, csvText?: string): Promise<string | null> {
    const t = targetOf(panel);
    if (!t) return null;
    const request =
      mode === 'list' ? { kind: 'purge' as const, ...t, mode, csvText: csvText ?? '' } : { kind: 'purge' as const, ...t, mode };
    const started = await act(() => bridge.send('startJob', request));
    if (!started.ok) return null;
    purgeDialog.show(panel, started.value.jobId);
    return started.value.jobId;
  }

  async function confirmPurge(jobId: string): Promise<boolean> {
    const t = targetOf(panel);
    const job = jobs.getState().jobs.find((j) => j.id === jobId);
    // The page has moved to another promotion since the confirmation was shown: dropped.
    if (!t || !job || job.storeHash !== t.storeHash || job.promotionId !== t.promotionId) return false;
    const ok = (await act(() => bridge.send('confirmPurge', { jobId, ...t }))).ok;
    if (ok) purgeDialog.closeConfirmed(panel, jobId);
    return ok;
  }

  async function control(jobId: string, action: ControlAction): Promise<boolean> {
    return (await act(() => bridge.send('controlJob', { jobId, action }))).ok;
  }

  async function download(jobId: string, fileKind: FileKind): Promise<boolean> {
    return (await act(() => bridge.send('downloadFile', { jobId, fileKind }))).ok;
  }

  async function openOptions(): Promise<void> {
    const hash = storeHashOf(panel);
    await act(() => bridge.send('openOptions', hash ? { storeHash: hash } : {}));
  }

  return { openOptions, startGenerate, startExport, startPurge, confirmPurge, control, download };
}
