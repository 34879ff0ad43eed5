/**
 * What the pages are sent of the jobs: each record's facts, what its kind says of them (its
 * words included), and how it is going right now (rate, time left, why it waits). Changes are
 * coalesced, so that progress ticking many times a second makes one update every 100 ms.
 */
import { describeJob, kindOf } from './kinds';
import type { JobTable } from './job-table';
import type { JobRecord, LiveState } from './record';
import type { JobView } from './types';

export function toView(r: JobRecord, live: LiveState): JobView {
  const own = kindOf(r.kind).view(r);
  const running = r.status === 'running';
  return describeJob({
    ...own,
    id: r.id,
    kind: r.kind,
    storeHash: r.storeHash,
    promotionId: r.promotionId,
    promotionName: r.promotionName,
    status: r.status,
    progress: {
      done: r.done,
      total: r.total,
      phase: r.phase,
      ratePerSecond: running ? live.ratePerSecond : 0,
      etaMs: running ? live.etaMs : null,
      wait: running ? live.wait : null,
    },
    error: r.error,
    // Where the browser saved a file stays in the background (a path names the user's folders).
    files: r.files.map((f) =>
      f.saved?.path ? { ...f, saved: { ...f.saved, path: undefined } } : f,
    ),
    usage: own.usage ?? null,
    reportOnly: own.reportOnly ?? false,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    finishedAt: r.finishedAt,
  });
}

export interface JobViewsDeps {
  table: JobTable;
  /** Whoever runs the jobs: how each is going right now. */
  runner: { live(r: JobRecord): LiveState };
  onChange(jobs: JobView[]): void;
}

export function createJobViews(deps: JobViewsDeps) {
  let timer: ReturnType<typeof setTimeout> | null = null;

  function views(): JobView[] {
    return [...deps.table.jobs.values()]
      .filter((r) => !r.hidden)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((r) => toView(r, deps.runner.live(r)));
  }

  deps.table.onChanged(() => {
    timer ??= setTimeout(() => {
      timer = null;
      deps.onChange(views());
    }, 100);
  });

  return { views };
}
