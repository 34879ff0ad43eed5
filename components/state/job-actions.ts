/**
 * The requests a merchant makes from the panel: start a generate (BigCommerce's or in a
 * pattern), an import, an export (or a usage report) or a purge, confirm a purge, pause/resume/cancel, download a
 * file, open the settings. Each one marks the panel busy while it is on its way and shows its
 * failure in words (`act`); reading an import's file answers the dialog instead (its errors
 * belong beside the file field). Whatever can set a write going carries the proof that a
 * person asked (trusted.ts), and goes out only through sendChecked.
 */
import type { ControlAction, ImportPreview, Result } from '@/utils/messages';
import type { JobRequest } from '@/utils/jobs/kinds';
import type { FileKind, GenerateParams, PatternParams, PurgeMode } from '@/utils/jobs/types';
import type { UiBridge } from '@/utils/ui/bridge';
import { READS_ONLY, sendChecked, type Person } from '../trusted';
import * as importDialog from './import-dialog';
import type { JobsStore } from './jobs-store';
import { storeHashOf, targetOf, type PanelStore } from './panel-state';
import * as purgeDialog from './purge-dialog';

/** A job request, for the promotion shown (the store and promotion are added). */
type NewJob = JobRequest extends infer R
  ? R extends JobRequest
    ? Omit<R, 'storeHash' | 'promotionId'>
    : never
  : never;

/** An import read by prepareImport, with the limits for its codes (a file's own columns win). */
export interface ImportStart {
  draftId: string;
  maxUses: number;
  maxUsesPerCustomer: number;
}

/** `person`: the proof that a person asked (trusted.ts); without it, nothing that writes is sent. */
export interface JobActions {
  openOptions(): Promise<void>;
  startGenerate(person: Person | null, params: GenerateParams): Promise<string | null>;
  /** Codes in the merchant's own pattern (the background checks the pattern again). */
  startPattern(person: Person | null, params: PatternParams): Promise<string | null>;
  /**
   * Has the background read the merchant's file for an import (nothing is sent to the store).
   * Its answer, or null when the dialog closed or the page moved to another promotion meanwhile.
   */
  prepareImport(csvText: string): Promise<Result<ImportPreview> | null>;
  /** Starts the import of a file prepareImport read; the dialog closes once it has started. */
  startImport(person: Person | null, request: ImportStart): Promise<string | null>;
  /**
   * `forEmail`: the file "For email tools" (the codes only, under "Coupon Code"). Reading
   * only, so any click starts it: no write can follow from it.
   */
  startExport(unusedOnly: boolean, forEmail?: boolean): Promise<string | null>;
  /** "Usage report": the export's reading of every code, without a file (the job card shows the chart). */
  startUsageReport(): Promise<string | null>;
  /**
   * Starts the purge's scan (and backup), shown in the purge dialog; nothing is deleted before
   * `confirmPurge`. `csvText`: the merchant's file as text (list mode); the background parses and checks it.
   */
  startPurge(person: Person | null, mode: PurgeMode, csvText?: string): Promise<string | null>;
  /** Sends the typed confirmation, for the promotion shown; dropped if the page has moved on. */
  confirmPurge(person: Person | null, jobId: string): Promise<boolean>;
  /** Pause and cancel need no proof (they stop writes); resume and rescan do. */
  control(jobId: string, action: ControlAction, person?: Person | null): Promise<boolean>;
  /** A purge's backup needs the proof (deleting waits for it). */
  download(jobId: string, fileKind: FileKind, person?: Person | null): Promise<boolean>;
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

  /** Starts a job on the promotion shown; its id, or null when it did not start (the error is shown). */
  async function start(
    person: Person | typeof READS_ONLY | null,
    request: NewJob,
    then?: (jobId: string) => void,
  ): Promise<string | null> {
    const t = targetOf(panel);
    if (!t) return null;
    const started = await act(() => sendChecked(bridge, person, 'startJob', { ...request, ...t }));
    if (!started.ok) return null;
    then?.(started.value.jobId);
    // A job of over a minute, the first: the background says to offer notifications (once).
    if (started.value.offerAlerts) panel.setState({ alertOffer: true });
    return started.value.jobId;
  }

  async function prepareImport(csvText: string): Promise<Result<ImportPreview> | null> {
    const t = targetOf(panel);
    if (!t) return null;
    const reply = await bridge.send('prepareImport', { ...t, csvText });
    const now = targetOf(panel);
    const current =
      panel.getState().importDialog.open &&
      now?.storeHash === t.storeHash &&
      now.promotionId === t.promotionId;
    return current ? reply : null;
  }

  async function confirmPurge(person: Person | null, jobId: string): Promise<boolean> {
    const t = targetOf(panel);
    const job = jobs.getState().jobs.find((j) => j.id === jobId);
    // The page has moved to another promotion since the confirmation was shown: dropped.
    if (!t || !job || job.storeHash !== t.storeHash || job.promotionId !== t.promotionId)
      return false;
    const ok = (await act(() => sendChecked(bridge, person, 'confirmPurge', { jobId, ...t }))).ok;
    if (ok) purgeDialog.closeConfirmed(panel, jobId);
    return ok;
  }

  async function control(
    jobId: string,
    action: ControlAction,
    person: Person | null = null,
  ): Promise<boolean> {
    return (await act(() => sendChecked(bridge, person, 'controlJob', { jobId, action }))).ok;
  }

  async function download(
    jobId: string,
    fileKind: FileKind,
    person: Person | null = null,
  ): Promise<boolean> {
    return (await act(() => sendChecked(bridge, person, 'downloadFile', { jobId, fileKind }))).ok;
  }

  async function openOptions(): Promise<void> {
    const hash = storeHashOf(panel);
    await act(() => bridge.send('openOptions', hash ? { storeHash: hash } : {}));
  }

  return {
    openOptions,
    startGenerate: (person, params) => start(person, { kind: 'generate', params }),
    startPattern: (person, params) => start(person, { kind: 'pattern', params }),
    prepareImport,
    startImport: (person, request) =>
      start(person, { kind: 'import', ...request }, () => importDialog.close(panel)),
    startExport: (unusedOnly, forEmail) =>
      start(READS_ONLY, { kind: 'export', unusedOnly, ...(forEmail ? { format: 'email' } : {}) }),
    startUsageReport: () =>
      start(READS_ONLY, { kind: 'export', unusedOnly: false, reportOnly: true }),
    startPurge: (person, mode, csvText) =>
      start(
        person,
        mode === 'list' ? { kind: 'purge', mode, csvText: csvText ?? '' } : { kind: 'purge', mode },
        (jobId) => purgeDialog.show(panel, jobId),
      ),
    confirmPurge,
    control,
    download,
  };
}
