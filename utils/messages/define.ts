/**
 * One entry per message: what it holds (a zod schema), who may send it, and what the
 * background does with it. The protocol's types, the content script's allow-list and the
 * background's listeners all come from these entries (table.ts). Background only: zod and
 * the handlers never reach a page.
 */
import type { z } from 'zod';
import type { PromotionListCache } from '../api/promotion-lists';
import type { StoreClients } from '../api/store-clients';
import type { JobRequest } from '../jobs/kinds';
import type { JobRegistry } from '../jobs/registry';
import type { JobRecord } from '../jobs/record';
import type { AlertSettingsStore } from '../storage/alerts';
import type { SpreadsheetCsvSetting } from '../storage/spreadsheet-csv';
import type { JobEstimate } from '../codes/job-estimate';
import type { ListedPromotion, Result, StoreView, TokenCheck } from './views';

/** Everything the handlers act through. */
export interface Services {
  registry: JobRegistry;
  /** Starts a job a page asked for, once the start rules hold (utils/background/job-starts.ts). */
  startJob(request: JobRequest): Promise<{ jobId: string; offerAlerts: boolean }>;
  clients: StoreClients;
  /** Each store's bulk promotions, kept briefly for the manager page (api/promotion-lists.ts). */
  promotionLists: PromotionListCache<ListedPromotion>;
  /** Connected stores: connecting one checks its token and keeps it; removing one takes all it had. */
  stores: {
    list(): Promise<StoreView[]>;
    get(storeHash: string): Promise<StoreView | null>;
    connect(storeHash: string, token: string): Promise<TokenCheck>;
    rename(storeHash: string, name: string): Promise<StoreView>;
    remove(storeHash: string): Promise<void>;
  };
  openOptions(storeHash?: string): Promise<void>;
  /** A job's estimate in the merchant's words (utils/ui/estimate-text.ts). */
  estimateText(estimate: JobEstimate): string;
  /** Notifications: the merchant's setting, the permission, the page that asks for it. */
  alerts: {
    settings: AlertSettingsStore;
    notificationsGranted(): Promise<boolean>;
    openPage(): Promise<void>;
  };
  /** "Spreadsheet-friendly CSV": semicolons and a BOM in the files the merchant downloads. */
  spreadsheetCsv: SpreadsheetCsvSetting;
}

/** Who sent a message, as the background established it (never as the message claims). */
export interface Caller {
  context: 'extension-page' | 'content-script';
  /** A content script's own store (the control panel it runs in); null for extension pages. */
  store: string | null;
}

export interface HandlerContext {
  services: Services;
  caller: Caller;
  /**
   * A job the caller may act on: it exists and, for a content script, belongs to its store.
   * Read once the job table is loaded: a message may be what woke the worker.
   */
  jobOf(jobId: string): Promise<JobRecord>;
}

export interface MessageDef<S extends z.ZodType, R> {
  schema: S;
  /** 'panel': extension pages and the content script (for its own store only); 'extension': extension pages only. */
  from: 'panel' | 'extension';
  handle(data: z.output<S>, ctx: HandlerContext): Promise<R>;
}

export function defineMessage<S extends z.ZodType, R>(def: MessageDef<S, R>): MessageDef<S, R> {
  return def;
}

/** The protocol map @webext-core/messaging wants, derived from a table of entries. */
export type ProtocolOf<T> = {
  [K in keyof T]: T[K] extends MessageDef<infer S, infer R>
    ? (data: z.input<S>) => Result<R>
    : never;
};
