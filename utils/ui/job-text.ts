/**
 * What a job is doing, in the merchant's words. Pure: the panel and the popup both use it.
 */
import type { FileKind, JobKind, JobStatus, JobView, WaitReason } from '../jobs/types';
import { isResumable, isUnfinished } from '../vocabulary';
import { formatCount, formatDuration, pluralCodes, secondsUntil } from './format';

export const KIND_LABEL: Record<JobKind, string> = {
  generate: 'Generate codes',
  pattern: 'Generate codes in your pattern',
  import: 'Import codes',
  export: 'Export codes',
  purge: 'Purge codes',
  'delete-code': 'Delete a code',
};

/** A job's title: a usage report is an export without a file, and is called what the merchant pressed. */
export function jobLabel(job: Pick<JobView, 'kind' | 'reportOnly'>): string {
  return job.reportOnly ? 'Usage report' : KIND_LABEL[job.kind];
}

/** "Generating codes", for a progress bar's name. */
export const KIND_DOING: Record<JobKind, string> = {
  generate: 'Generating codes',
  pattern: 'Generating codes',
  import: 'Importing codes',
  export: 'Exporting codes',
  purge: 'Deleting codes',
  'delete-code': 'Deleting a code',
};

export const STATUS_LABEL: Record<JobStatus, string> = {
  queued: 'Waiting to start',
  running: 'Running',
  paused: 'Paused',
  'awaiting-confirmation': 'Waiting for your confirmation',
  interrupted: 'Stopped by the browser',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export { isUnfinished };

/**
 * Which of Pause / Resume / Cancel apply. A failed job keeps its checkpoint, and its message
 * says to resume once the cause is fixed (token saved again, store answering again): it can.
 */
export function controlsFor(status: JobStatus): {
  pause: boolean;
  resume: boolean;
  cancel: boolean;
} {
  return {
    pause: status === 'running' || status === 'queued',
    resume: isResumable(status),
    cancel: isUnfinished(status),
  };
}

/**
 * WaitReason.untilMs is a moment in epoch ms. Should a sender ever give a plain duration
 * instead (a small number), it is read as "from the job's last update" rather than shown
 * as a wait of decades.
 */
function waitSeconds(untilMs: number, now: number, updatedAt: number): number {
  const until = untilMs < 1e11 ? updatedAt + untilMs : untilMs;
  return secondsUntil(until, now);
}

/** The reason for a wait, in words ("Waiting for the store's API quota (resumes in 12 s)"). */
export function waitText(wait: WaitReason, now: number, updatedAt = now): string {
  switch (wait.kind) {
    case 'quota':
      return `Waiting for the store's API quota (resumes in ${waitSeconds(wait.untilMs, now, updatedAt)} s)`;
    case 'rate-limited':
      return `BigCommerce asked us to slow down… (resumes in ${waitSeconds(wait.untilMs, now, updatedAt)} s)`;
    case 'platform-busy':
      return `BigCommerce is busy right now; trying again in ${waitSeconds(wait.untilMs, now, updatedAt)} s…`;
    case 'retrying':
      return `Connection problem, retrying (attempt ${wait.attempt})…`;
    case 'reconciling':
      return 'Checking with the store which codes were created…';
  }
}

/** "12,500 / 100,000", or "12,500" while the total is unknown. */
export function progressText(job: JobView): string {
  const { done, total } = job.progress;
  return total === null ? formatCount(done) : `${formatCount(done)} / ${formatCount(total)}`;
}

export function etaText(job: JobView): string | null {
  const eta = job.progress.etaMs;
  if (eta === null || !Number.isFinite(eta)) return null;
  return `About ${formatDuration(eta)} left`;
}

/** "Completed: 10,000 codes generated." */
export function completedText(job: JobView): string {
  switch (job.kind) {
    case 'generate':
      return `Completed: ${pluralCodes(job.progress.done)} generated.`;
    case 'pattern': {
      const clashes = job.create?.clashes ?? 0;
      const tail = clashes
        ? ` ${pluralCodes(clashes)} the pattern drew already existed in the store and ${clashes === 1 ? 'was' : 'were'} replaced by fresh ones.`
        : '';
      return `Completed: ${pluralCodes(job.create?.created ?? job.progress.done)} generated.${tail}`;
    }
    case 'import': {
      const rejected = job.create?.rejected ?? 0;
      const tail = rejected
        ? ` ${formatCount(rejected)} ${rejected === 1 ? 'line was' : 'lines were'} rejected: “${FILE_LABEL.rejected}” lists ${rejected === 1 ? 'it' : 'them'} with the reasons.`
        : '';
      return `Completed: ${pluralCodes(job.create?.created ?? 0)} imported.${tail}`;
    }
    case 'export':
      return job.reportOnly
        ? `Completed: the usage of ${pluralCodes(job.progress.done)} was read.`
        : `Completed: ${pluralCodes(job.progress.done)} exported.`;
    case 'delete-code':
      return `Completed: the code ${job.deleteCode?.code ?? ''} was deleted. Its backup was saved first.`;
    case 'purge':
      return purgeCompletedText(job);
  }
}

/** "were", or "was" for one code. */
const were = (n: number, what: string) => `${pluralCodes(n)} ${n === 1 ? 'was' : 'were'} ${what}`;

/** What a purge deleted, and what it kept and why (an unused purge deletes only what is still unused). */
function purgeCompletedText(job: JobView): string {
  const p = job.purge;
  const deleted = p?.deleted ?? job.progress.done;
  const failed = p?.failed ?? 0;
  const parts = [`Completed: ${pluralCodes(deleted)} deleted.`];
  if (p?.kept)
    parts.push(
      `${were(p.kept, 'redeemed since the scan and')} ${p.kept === 1 ? 'was' : 'were'} kept.`,
    );
  if (p?.gone) parts.push(`${were(p.gone, 'already gone')} (deleted elsewhere since the scan).`);
  if (p?.unchecked)
    parts.push(
      `${were(p.unchecked, 'kept')}: they could not be read again just before deleting (the promotion was changing a lot).`,
    );
  if (failed > 0) parts.push(`${pluralCodes(failed)} could not be deleted.`);
  if (p?.outcomes) parts.push('The backup file, saved again, says what became of each code.');
  else if (failed > 0) parts.push('The backup file lists every code that was targeted.');
  return parts.join(' ');
}

/** "Cancelled: 5,000 codes were generated before the job stopped." */
export function cancelledText(job: JobView): string {
  const done =
    job.kind === 'purge'
      ? (job.purge?.deleted ?? 0)
      : job.create
        ? job.create.created
        : job.progress.done;
  const verb = {
    generate: 'generated',
    pattern: 'generated',
    import: 'imported',
    export: 'exported',
    purge: 'deleted',
    'delete-code': 'deleted',
  }[job.kind];
  if (done === 0) return job.kind === 'purge' ? 'Cancelled: no codes were deleted.' : 'Cancelled.';
  return `Cancelled: ${pluralCodes(done)} ${done === 1 ? 'was' : 'were'} ${verb} before the job stopped.`;
}

/** The failure, and what to do about it. */
export function failedText(job: JobView): string {
  const what = {
    generate: 'Generating codes',
    pattern: 'Generating codes',
    import: 'Importing codes',
    export: 'Exporting codes',
    purge: 'Purging codes',
    'delete-code': 'Deleting the code',
  }[job.kind];
  const reason = job.error?.trim() || 'Something went wrong.';
  return `${what} stopped: ${reason}`;
}

export const INTERRUPTED_TEXT =
  'The browser stopped this job (it was closed, updated or put the extension to sleep). ' +
  'Nothing is lost: press Resume to carry on from where it stopped.';

export const FILE_LABEL: Record<FileKind, string> = {
  generated: 'Download CSV again',
  export: 'Download CSV again',
  'purge-backup': 'Download backup CSV',
  unattributed: 'Download codes not made by this job',
  imported: 'Download CSV again',
  rejected: 'Download rejected lines',
};

/**
 * A generate job that found codes it cannot claim: how many, why that happens, and how to
 * remove exactly them if the merchant wants. Null when there are none.
 */
export function unattributedText(job: JobView): string | null {
  const g = job.generate;
  const n = g?.unattributed ?? 0;
  if (!g || n === 0) return null;
  // What may have made them, the job's own lost answers first.
  const causes: string[] = [];
  if (g.unanswered > 0)
    causes.push(
      `${pluralRequests(g.unanswered)} got no answer from BigCommerce (a dropped connection), and the store may have made codes for ${g.unanswered === 1 ? 'it' : 'them'}`,
    );
  if (g.cutOff > 0)
    causes.push(
      'the job was stopped while requests were under way (the browser closed or put the extension to sleep), and the store may have made codes for them',
    );
  const why = causes.length
    ? `${pluralCodes(n)} that this job cannot prove it made also appeared in the promotion: ${causes.join('; ')}. Another app, a person or a request the browser repeated by itself can add codes too.`
    : `${pluralCodes(n)} that this job did not make also appeared in the promotion while it ran: another app or a person added them, or the browser repeated a request by itself.`;
  return (
    `${why} They were not deleted and are not in this job’s file: “${FILE_LABEL.unattributed}” lists them. ` +
    'To remove exactly them, use Purge codes › Codes from a CSV file with that file.'
  );
}

function pluralRequests(n: number): string {
  return n === 1 ? '1 request' : `${formatCount(n)} requests`;
}

/** A paused job's reason, when it paused by itself (the store busy, unreachable, erroring). */
export function pausedText(job: JobView): string {
  return job.error ? `Paused: ${job.error}` : 'Paused. Press Resume to carry on.';
}
