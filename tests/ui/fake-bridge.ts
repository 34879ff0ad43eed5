/**
 * A stand-in for the background, for UI tests: answers messages from handlers, records every
 * message sent and every reply and jobs push (the "traffic"), and pushes job lists on demand.
 */
import { act } from '@testing-library/preact';
import type { JobView } from '@/utils/jobs/types';
import type {
  FeedState,
  MessageArgs,
  MessageReply,
  MessageType,
  UiBridge,
} from '@/utils/ui/bridge';
import { BULK_PROMOTION, IMPORT_PREVIEW, STORE_MODIFY } from './fixtures';

export type Handlers = {
  [K in MessageType]?: (data: MessageArgs<K>[0]) => MessageReply<K> | Promise<MessageReply<K>>;
};

export interface TrafficEntry {
  direction: 'sent' | 'reply' | 'push';
  type: string;
  data: unknown;
}

export const defaultHandlers: Handlers = {
  getStore: () => ({ ok: true, value: STORE_MODIFY }),
  getPromotion: ({ promotionId }) =>
    promotionId === BULK_PROMOTION.id
      ? { ok: true, value: BULK_PROMOTION }
      : { ok: false, error: 'That promotion was not found in this store.' },
  listBulkPromotions: () => ({ ok: true, value: [BULK_PROMOTION] }),
  startJob: () => ({ ok: true, value: { jobId: 'job-1' } }),
  prepareImport: () => ({ ok: true, value: IMPORT_PREVIEW }),
  controlJob: () => ({ ok: true, value: null }),
  downloadFile: () => ({ ok: true, value: null }),
  openOptions: () => ({ ok: true, value: null }),
  listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
  removeStore: () => ({ ok: true, value: null }),
  removeJob: () => ({ ok: true, value: { keptUntil: null } }),
  confirmPurge: () => ({ ok: true, value: null }),
  listKeptFiles: () => ({ ok: true, value: [] }),
  storeFootprint: () => ({ ok: true, value: { jobs: 0, unfinished: 0, files: 0, bytes: 0 } }),
  listJobs: () => ({ ok: true, value: [] }),
  estimateJob: ({ planned }) => ({
    ok: true,
    value: {
      requests: 'count' in planned ? Math.ceil(planned.count / 250) : 10,
      ms: 90_000,
      basis: 'quota',
      hourShare: 0.05,
      quota: 150,
      windowMs: 30_000,
      overHour: false,
      atMost: false,
      text: `About 1 min 30 s on this store's plan; uses ${'count' in planned ? Math.ceil(planned.count / 250) : 10} requests (5% of the store's hourly quota, which its other apps share).`,
    },
  }),
  openAlertsPage: () => ({ ok: true, value: null }),
  getAlerts: () => ({ ok: true, value: { notifications: true, offered: false } }),
  setAlerts: () => ({ ok: true, value: { notifications: true, offered: false } }),
  getSpreadsheetCsv: () => ({ ok: true, value: { on: false, chosen: false } }),
  setSpreadsheetCsv: ({ on }) => ({ ok: true, value: { on, chosen: true } }),
};

export function createFakeBridge(handlers: Handlers = {}, initialJobs: JobView[] = []) {
  const traffic: TrafficEntry[] = [];
  const all = { ...defaultHandlers, ...handlers };
  const watchers = new Set<{
    onJobs: (jobs: JobView[]) => void;
    onState?: (s: FeedState) => void;
  }>();
  let jobs = initialJobs;

  const bridge: UiBridge = {
    async send(type, ...args) {
      const data = args[0];
      traffic.push({ direction: 'sent', type, data: structuredClone(data) });
      const handler = all[type] as ((d: unknown) => unknown) | undefined;
      const reply = (
        handler ? await handler(data) : { ok: false, error: `No handler for ${type}` }
      ) as MessageReply<typeof type>;
      traffic.push({ direction: 'reply', type, data: structuredClone(reply) });
      return reply;
    },
    watchJobs(onJobs, onState) {
      const watcher = { onJobs, onState };
      watchers.add(watcher);
      onState?.('connecting');
      // The background pushes the full list on connect.
      queueMicrotask(() => {
        if (!watchers.has(watcher)) return;
        traffic.push({ direction: 'push', type: 'jobs', data: structuredClone(jobs) });
        onState?.('connected');
        onJobs(jobs);
      });
      return () => watchers.delete(watcher);
    },
  };

  return {
    bridge,
    traffic,
    /** The handlers in use: a test may change one's answer mid-way. */
    handlers: all,
    /** Messages of one type the UI sent, their data in order. */
    sent(type: MessageType): unknown[] {
      return traffic.filter((t) => t.direction === 'sent' && t.type === type).map((t) => t.data);
    },
    async pushJobs(next: JobView[]) {
      jobs = next;
      await act(async () => {
        for (const w of watchers) {
          traffic.push({ direction: 'push', type: 'jobs', data: structuredClone(next) });
          w.onJobs(next);
        }
      });
    },
    async setFeed(state: FeedState) {
      await act(async () => {
        for (const w of watchers) w.onState?.(state);
      });
    },
    get watching() {
      return watchers.size;
    },
  };
}
