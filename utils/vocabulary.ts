/**
 * The product's shared vocabulary: the API's sizes, what a bulk promotion and an unused code
 * are, which job states may do what. One place for each rule; pure (no zod, no browser APIs),
 * so the content script may import it too.
 */

/** Codes per codegen request (the API's maximum). */
export const BATCH_MAX = 250;
/** Single-code requests in flight (POST /codes; the governor lowers it on concurrency 429s). */
export const CREATE_CONCURRENCY = 40;

/** A code the store holds: letters (either case), digits, spaces, `_` and `-`, 1 to 50 of them. */
export const CODE_MAX_LENGTH = 50;
export const CODE_CHAR_RE = /[A-Za-z0-9 _-]/;
export const CODE_RE = new RegExp(`^[A-Za-z0-9 _-]{1,${CODE_MAX_LENGTH}}$`);
/** The characters of a text no code can hold, each once (none: it could be a code's). */
export const charsOutsideCodes = (text: string): string[] => [
  ...new Set([...text].filter((c) => !CODE_CHAR_RE.test(c))),
];
/**
 * A code as the store tells codes apart: letter case aside, ASCII letters only. Not
 * toUpperCase(): Unicode folds ß to SS, ﬁ to FI and ſ to S, naming codes the store keeps apart.
 */
export const codeKey = (code: string): string =>
  code.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
/** max_uses and max_uses_per_customer: 0 (unlimited) to this. */
export const USES_MAX = 100_000;
/** The most codes one job makes or imports. */
export const MAX_JOB_CODES = 1_000_000;
/** The largest file of codes read (a million long codes with their limits still fit). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** The largest list of codes to purge: the panel reads no larger file, the background takes no longer text. */
export const PURGE_LIST_MAX_BYTES = 60 * 1024 * 1024;
/**
 * What BigCommerce's codegen takes (its own ranges): random characters per code, prefix and
 * suffix of A-Z, 0-9, `_` and `-`, one of three delimiters, and up to 35 of the 36 letters and
 * digits left out. The whole code is a code like any other: at most CODE_MAX_LENGTH.
 */
export const GENERATE_LIMITS = {
  codeLength: { min: 6, max: 16 },
  affixMax: 20,
  totalMax: CODE_MAX_LENGTH,
  excludeMax: 35,
} as const;
export const AFFIX_RE = /^[A-Z0-9_-]*$/;
export const DELIMITERS = ['', '-', '_'] as const;

/** A pattern must be able to make this many times the codes asked for, so that clashes stay rare. */
export const PATTERN_ROOM = 100;
/** Items per page of a list request, codes or promotions (the API's maximum). */
export const PAGE_SIZE = 250;
/** Ids per bulk delete: the current published limit, and the older one some stores still enforce. */
export const DELETE_BATCH = 250;
export const DELETE_BATCH_LEGACY = 50;

/** A purge's plan is trusted this long: an "unused" code may be redeemed minutes later. */
export const PLAN_FRESH_MS = 15 * 60_000;
/**
 * How long a plan has gone unread: from its first page read, less the time spent reading it
 * (a big promotion on a slow plan takes minutes to read; standing still is not reading).
 */
export const planIdleMs = (
  plan: { plannedAt: number | null; readingMs?: number | null },
  now: number,
): number => now - (plan.plannedAt ?? now) - (plan.readingMs ?? 0);
export const isPlanStale = (
  plan: { plannedAt: number | null; readingMs?: number | null },
  now: number,
): boolean => planIdleMs(plan, now) > PLAN_FRESH_MS;
/**
 * A job stored "running" whose last write is older than this was cut off by a worker that
 * stopped: the watchdog alarm (every 30 s) would have brought it back sooner. It waits for Resume.
 */
export const WORKER_GONE_MS = 2 * 60_000;
/** A purge's backup stays in the extension at least this long, whatever happens to its job card. */
export const BACKUP_KEEP_MS = 30 * 24 * 60 * 60_000;

/**
 * Where a job stands. 'awaiting-confirmation' is a purge whose target set and backup are
 * ready (the dry-run count is known) and which deletes nothing until the merchant confirms.
 * 'interrupted' is a job the browser stopped that waits for the merchant to resume it.
 */
export type JobStatus =
  | 'queued'
  | 'running'
  | 'paused'
  | 'awaiting-confirmation'
  | 'interrupted'
  | 'completed'
  | 'failed'
  | 'cancelled';

/** Jobs that are not over yet: the merchant may still act on them. */
export const isUnfinished = (status: JobStatus): boolean =>
  status !== 'completed' && status !== 'failed' && status !== 'cancelled';
/** A failed job keeps its checkpoint: once the cause is fixed it can carry on. */
export const isResumable = (status: JobStatus): boolean =>
  status === 'paused' || status === 'interrupted' || status === 'failed';
/** States in which a writing job holds its promotion (no other writing job may start there). */
export const holdsPromotion = (status: JobStatus): boolean =>
  status === 'queued' ||
  status === 'running' ||
  status === 'paused' ||
  status === 'interrupted' ||
  status === 'awaiting-confirmation';

/** The files a job can leave. */
export type FileKind =
  'generated' | 'imported' | 'export' | 'purge-backup' | 'unattributed' | 'rejected';
export const FILE_KINDS: readonly FileKind[] = [
  'generated',
  'imported',
  'export',
  'purge-backup',
  'unattributed',
  'rejected',
];

/**
 * What an export's file holds: every column (standard), or the codes only under the header
 * email tools look for ("For email tools").
 */
export const EXPORT_FORMATS = ['standard', 'email'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A coupon promotion with bulk (unique) codes: the only kind these tools work on. */
export const isBulkCoupon = (p: {
  redemption_type?: string;
  redemptionType?: string;
  coupon_type?: string | null;
  couponType?: string | null;
}): boolean =>
  (p.redemption_type ?? p.redemptionType) === 'COUPON' &&
  (p.coupon_type ?? p.couponType) === 'BULK';

/**
 * What became of a code an unused purge planned: deleted; kept because a shopper redeemed it
 * since the scan; already gone (deleted elsewhere); kept because it could not be read again
 * just before deleting; refused by the store; or its DELETE on its way.
 */
export type TargetOutcome = 'deleted' | 'redeemed' | 'gone' | 'unchecked' | 'refused' | 'sending';

/** A code no shopper has redeemed yet. */
export const isUnusedCode = (c: { current_uses: number }): boolean => c.current_uses === 0;

/** The `{hash}` of store-{hash}.mybigcommerce.com and of the API path: short lowercase alphanumerics. */
const STORE_HASH = '[a-z0-9]{1,32}';
export const STORE_HASH_RE = new RegExp(`^${STORE_HASH}$`);
/** A control panel host, and its store's hash. */
export const STORE_HOST_RE = new RegExp(`^store-(${STORE_HASH})\\.mybigcommerce\\.com$`);
/** A control panel page of some store, and its hash. */
export const STORE_PAGE_RE = new RegExp(`^https://store-(${STORE_HASH})\\.mybigcommerce\\.com/`);

/** The longest store name kept (the store's own, or the merchant's in the settings). */
export const STORE_NAME_MAX = 100;

/** The longest access token taken (BigCommerce's are 31 characters; anything this long is a paste gone wrong). */
export const TOKEN_MAX_LENGTH = 200;

/** What a merchant may ask of a job that is under way (the controlJob message). */
export const CONTROL_ACTIONS = ['pause', 'resume', 'cancel', 'rescan'] as const;

/** Phases of a multi-phase job: a purge finds its codes, then deletes them. */
export type JobPhase = 'scan' | 'delete';

/**
 * Why a job is not sending requests right now, in words the UI picks. `untilMs` is a moment on
 * the clock (epoch ms), not a duration. The store's governor reports all but 'reconciling',
 * which is a job checking with the store what it made.
 */
export type WaitReason =
  | { kind: 'quota' | 'rate-limited' | 'platform-busy'; untilMs: number }
  | { kind: 'retrying'; untilMs: number; attempt: number }
  | { kind: 'reconciling' };
/** The waits a store's governor reports. */
export type StoreWait = Exclude<WaitReason, { kind: 'reconciling' }>;

/** Requests of each quota window left to the store's other apps (4 %, at least 2): the governor keeps them, estimates count without them. */
export function quotaReserve(quota: number): number {
  return Math.max(2, Math.ceil(quota * 0.04));
}

/**
 * Words the background says without wording them: a catalogue key (locales/en.yml) and its
 * values, put in the merchant's language by the page (`sayError`, utils/ui/say.ts). Numbers in
 * values are formatted there, in the page's locale; strings travel as they are (a store hash, a
 * code, BigCommerce's own reason). `count` picks a plural form.
 */
export interface Said {
  key: string;
  values?: SaidValue[];
  count?: number;
  /** Sentences that follow, each said the same way (the page joins them with a space). */
  then?: Said[];
}

/** A value: a string as it is, a number in the page's locale, or words of their own. */
export type SaidValue = string | number | Said;

/** An error as a reply or a job record holds it: said, or (records stored before) the sentence. */
export type ErrorWords = Said | string;

export function said(key: string, values?: SaidValue[], count?: number): Said {
  const words: Said = { key };
  if (values?.length) words.values = values;
  if (count !== undefined) words.count = count;
  return words;
}
