/**
 * What a job will cost, told before it starts: the requests it will send, how long they take
 * on this store's plan (the model of estimate.ts, phase by phase: each endpoint has its own
 * requests in flight) and the share of the store's hourly quota, which other apps share.
 * Pure: the forms compute it from the promotion's code count and the quota the store reported.
 */
import {
  BATCH_MAX,
  CREATE_CONCURRENCY,
  DELETE_BATCH,
  PAGE_SIZE,
  quotaReserve,
} from '../vocabulary';
import { ROUND_TRIP_MS, UNLIMITED_QUOTA, type Pace } from './estimate';

/** A job as its form describes it before it starts. */
export type PlannedJob =
  | { kind: 'generate'; count: number }
  /** Import and codes in a pattern: one request a code. */
  | { kind: 'create'; count: number }
  | { kind: 'export'; codes: number }
  /** `codes`: the promotion's; `listed`: codes named in a file ('list' mode). */
  | { kind: 'purge'; mode: 'all' | 'unused' | 'list'; codes: number; listed?: number };

/** Requests of one endpoint, and how many of them the engine keeps in flight. */
interface Phase {
  requests: number;
  inFlight: number;
}

export interface JobEstimate {
  requests: number;
  ms: number;
  basis: 'quota' | 'concurrency';
  /** Of the store's quota for one hour (0..1); null while the quota is not known or unlimited. */
  hourShare: number | null;
  /** The quota as the store reported it (null: not known yet, or unlimited). */
  quota: number | null;
  windowMs: number | null;
  /** Over an hour: the browser must stay open that long. */
  overHour: boolean;
  /** 'unused' purges: the deletes are counted as if every code were unused (an upper bound). */
  atMost: boolean;
}

/** The engine's requests in flight per endpoint (the registry's workers, the store's caps). */
const IN_FLIGHT = { generate: 10, list: 10, delete: 40, create: CREATE_CONCURRENCY };
export const HOUR_MS = 60 * 60_000;

const pages = (codes: number) => Math.ceil(Math.max(0, codes) / PAGE_SIZE);

function phasesOf(job: PlannedJob): Phase[] {
  switch (job.kind) {
    case 'generate':
      // One codegen per 250 codes, and the promotion's count read before and after.
      return [
        { requests: Math.ceil(job.count / BATCH_MAX), inFlight: IN_FLIGHT.generate },
        { requests: 2, inFlight: 1 },
      ];
    case 'create':
      // One request a code, after reading the promotion's baseline.
      return [
        { requests: 1, inFlight: 1 },
        { requests: job.count, inFlight: IN_FLIGHT.create },
      ];
    case 'export':
      return [{ requests: Math.max(1, pages(job.codes)), inFlight: IN_FLIGHT.list }];
    case 'purge': {
      const scan = { requests: Math.max(1, pages(job.codes)), inFlight: IN_FLIGHT.list };
      const targets = job.mode === 'list' ? Math.min(job.listed ?? 0, job.codes) : job.codes;
      const deletes = Math.ceil(targets / DELETE_BATCH);
      // Unused codes are read again, a page before its deletes, in case one was redeemed meanwhile.
      const reread = job.mode === 'unused' ? deletes : 0;
      return [
        scan,
        { requests: reread, inFlight: IN_FLIGHT.list },
        { requests: deletes, inFlight: IN_FLIGHT.delete },
      ];
    }
  }
}

const inFlightMs = (p: Phase, roundTripMs: number) =>
  Math.ceil(p.requests / p.inFlight) * roundTripMs;

export function estimateJob(job: PlannedJob, pace: Pace, roundTripMs = ROUND_TRIP_MS): JobEstimate {
  const phases = phasesOf(job).filter((p) => p.requests > 0);
  const requests = phases.reduce((n, p) => n + p.requests, 0);
  const concurrencyMs = phases.reduce((ms, p) => ms + inFlightMs(p, roundTripMs), 0);
  const known = pace.quota !== null && pace.windowMs !== null && pace.quota < UNLIMITED_QUOTA;
  let ms = concurrencyMs;
  let basis: JobEstimate['basis'] = 'concurrency';
  let hourShare: number | null = null;
  if (known) {
    const quota = pace.quota!;
    const windowMs = pace.windowMs!;
    // A window's quota, less what the governor leaves to other apps, goes out at once; every
    // window but the last is waited out; the last window's requests take their round trips,
    // at the in-flight count of the phases they belong to (the last ones).
    const perWindow = Math.max(1, quota - quotaReserve(quota));
    const waits = Math.max(0, Math.ceil(requests / perWindow) - 1);
    let tail = requests - waits * perWindow;
    let tailMs = 0;
    for (const p of [...phases].reverse()) {
      if (tail <= 0) break;
      const n = Math.min(tail, p.requests);
      tailMs += inFlightMs({ requests: n, inFlight: p.inFlight }, roundTripMs);
      tail -= n;
    }
    const quotaMs = waits * windowMs + tailMs;
    if (quotaMs > ms) {
      ms = quotaMs;
      basis = 'quota';
    }
    const perHour = quota * (HOUR_MS / windowMs);
    // A job longer than an hour spends the governor's share of every window it runs through.
    hourShare = ms > HOUR_MS ? perWindow / quota : Math.min(1, requests / perHour);
  }
  return {
    requests,
    ms,
    basis,
    hourShare,
    quota: known ? pace.quota : null,
    windowMs: known ? pace.windowMs : null,
    overHour: ms > HOUR_MS,
    atMost: job.kind === 'purge' && job.mode === 'unused',
  };
}
