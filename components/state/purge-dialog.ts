/**
 * The purge dialog's state: whether it is open and which purge it follows. Closing it before
 * the merchant confirmed cancels that purge, so a dialog put away never leaves a purge waiting.
 * Imported whole (`import * as purgeDialog`): purgeDialog.show, purgeDialog.close.
 */
import { isUnfinished } from '@/utils/ui/job-text';
import type { JobsStore } from './jobs-store';
import type { PanelStore } from './panel-state';

/** Opens the dialog on a purge (`jobId`), or on its first step, choosing the codes (null). */
export function show(panel: PanelStore, jobId: string | null): void {
  panel.setState({ purgeDialog: { open: true, jobId } });
}

/** A purge was confirmed: the dialog closes if it still shows that purge (nothing is left to decide). */
export function closeConfirmed(panel: PanelStore, jobId: string): void {
  if (panel.getState().purgeDialog.jobId === jobId)
    panel.setState({ purgeDialog: { open: false, jobId: null } });
}

/**
 * Closes the dialog; a purge not yet confirmed is cancelled (nothing is deleted). `cancel` asks
 * the background to cancel the job.
 */
export async function close(
  panel: PanelStore,
  jobs: JobsStore,
  cancel: (jobId: string) => Promise<unknown>,
): Promise<void> {
  const { jobId } = panel.getState().purgeDialog;
  panel.setState({ purgeDialog: { open: false, jobId: null } });
  if (jobId === null) return;
  const job = jobs.getState().jobs.find((j) => j.id === jobId);
  // Not confirmed yet (scanning, or waiting for the word): cancel, so nothing is ever deleted.
  const confirmed = job?.progress.phase === 'delete';
  if (!confirmed && (!job || isUnfinished(job.status))) await cancel(jobId);
}
