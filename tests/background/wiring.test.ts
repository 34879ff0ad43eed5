/**
 * The background's wiring, with WXT's fake browser: start-up and the watchdog alarm agree on
 * whether the browser restarted, the jobs feed tells a control panel page only its own
 * store's jobs, and the worker is kept awake only while jobs run.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobsFeed } from '../../utils/background/jobs-feed';
import { createKeepAwake, WATCHDOG } from '../../utils/background/keep-awake';
import type { JobRecord } from '../../utils/jobs/record';
import type { JobView } from '../../utils/jobs/types';
import { JOBS_PORT } from '../../utils/messages';
import { createJobRecordStore } from '../../utils/storage/jobs';

/** An event the fake browser does not provide: listeners kept, nothing fired. */
function quietEvent() {
  const listeners: Array<(...args: unknown[]) => void> = [];
  return {
    addListener: (fn: (...args: unknown[]) => void) => void listeners.push(fn),
    removeListener: () => {},
    hasListener: () => false,
    listeners,
  };
}

function record(id: string, kind: JobRecord['kind'], patch: Partial<JobRecord> = {}): JobRecord {
  const request =
    kind === 'generate'
      ? {
          kind,
          storeHash: 'shop1',
          promotionId: 1,
          params: {
            count: 10,
            maxUses: 1,
            maxUsesPerCustomer: 1,
            prefix: '',
            suffix: '',
            delimiter: '' as const,
            codeLength: 8,
            excludeCharacters: [],
          },
        }
      : kind === 'export'
        ? { kind, storeHash: 'shop1', promotionId: 1, unusedOnly: false }
        : { kind, storeHash: 'shop1', promotionId: 1, mode: 'all' as const };
  return {
    id,
    kind,
    storeHash: 'shop1',
    promotionId: 1,
    promotionName: 'P',
    request,
    status: 'running',
    done: 3,
    total: 10,
    error: null,
    files: [],
    createdAt: 1,
    updatedAt: 1,
    finishedAt: null,
    ...patch,
  } as JobRecord;
}

async function statusesAfterStart(
  sameSession: boolean,
  alarmFirst: boolean,
  lastWriteAgoMs = 5_000,
): Promise<Record<string, string>> {
  const records = createJobRecordStore<JobRecord>();
  const updatedAt = Date.now() - lastWriteAgoMs;
  for (const r of [record('g', 'generate'), record('p', 'purge'), record('e', 'export')])
    await records.save({ ...r, updatedAt });
  if (sameSession) await fakeBrowser.storage.session.set({ alive: true });
  vi.resetModules(); // a fresh worker: module state (message listeners) starts over
  const background = (await import('../../entrypoints/background')).default;
  background.main!();
  // The watchdog may fire before start-up has made up its mind (it persists across restarts).
  if (alarmFirst)
    await fakeBrowser.alarms.onAlarm.trigger({
      name: WATCHDOG,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
  await new Promise((r) => setTimeout(r, 300));
  const out: Record<string, string> = {};
  for (const r of await records.list()) out[r.id] = r.status;
  return out;
}

describe('start-up after a browser restart', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    Object.assign(fakeBrowser.runtime, {
      onConnect: quietEvent(),
      getPlatformInfo: async () => ({}),
    });
    Object.assign(fakeBrowser, {
      downloads: { onChanged: quietEvent(), search: async () => [], download: async () => 1 },
    });
    Object.assign(fakeBrowser.i18n, { getUILanguage: () => 'de' });
  });
  afterEach(
    () =>
      new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase('bcm-jobs');
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      }),
  );

  it('generate and purge wait for the merchant, even when the watchdog alarm fires first; an export carries on', async () => {
    const after = await statusesAfterStart(false, true);
    expect(after.g).toBe('interrupted');
    expect(after.p).toBe('interrupted');
    // The export was relaunched (and, with no store connected here, stopped with a reason).
    expect(after.e).not.toBe('interrupted');
    expect(after.e).not.toBe('running');
  });

  it('numbers and dates follow the language the browser shows (its UI language, not the worker’s navigator.language)', async () => {
    await statusesAfterStart(true, false);
    // The modules the started worker loaded (statusesAfterStart reset the module registry).
    const { currentLocale } = await import('../../utils/locale/current');
    const { formatCount } = await import('../../utils/ui/format');
    expect(currentLocale()).toBe('de');
    expect(formatCount(12_500)).toBe('12.500');
  });

  it('a worker restart within the browser session resumes them by itself', async () => {
    const after = await statusesAfterStart(true, false);
    expect(after.g).not.toBe('interrupted');
    expect(after.p).not.toBe('interrupted');
  });

  it('within the session, a job whose stop was marked (storage still saying running) waits for the merchant', async () => {
    // What a pause whose status write failed leaves: the record running, the mark in the session.
    await fakeBrowser.storage.session.set({ 'jobStopped:p': true, 'jobStopped:e': true });
    const after = await statusesAfterStart(true, false);
    expect(after.p).toBe('interrupted');
    expect(after.e).toBe('interrupted');
    expect(after.g).not.toBe('interrupted');
  });

  it('within the session too, jobs last written longer ago than the watchdog allows (a laptop that slept) wait for the merchant', async () => {
    const after = await statusesAfterStart(true, true, 3 * 60_000);
    expect(after.g).toBe('interrupted');
    expect(after.p).toBe('interrupted');
    expect(after.e).not.toBe('interrupted');
  });
});

describe('the jobs feed', () => {
  const job = (id: string, storeHash: string) => ({ id, storeHash }) as JobView;
  function port(name: string, sender: object) {
    const sent: unknown[] = [];
    return {
      name,
      sender,
      sent,
      disconnected: false,
      postMessage: (m: unknown) => void sent.push(m),
      disconnect() {
        this.disconnected = true;
      },
      onDisconnect: quietEvent(),
    };
  }
  const origin = 'chrome-extension://abc';

  it('a control panel page hears only its own store; extension pages hear all; others are turned away', async () => {
    const jobs = [job('a', 'shop1'), job('b', 'shop2')];
    const feed = createJobsFeed({
      extensionId: 'abc',
      extensionOrigin: origin,
      list: async () => jobs,
    });
    const panel = port(JOBS_PORT, {
      id: 'abc',
      url: 'https://store-shop1.mybigcommerce.com/manage/marketing/promotions/1/edit',
      tab: { id: 1 },
    });
    const popup = port(JOBS_PORT, { id: 'abc', url: `${origin}/popup.html` });
    const stranger = port(JOBS_PORT, { id: 'other', url: 'https://evil.example/' });
    const wrongName = port('something-else', { id: 'abc', url: `${origin}/popup.html` });
    for (const p of [panel, popup, stranger, wrongName]) feed.connect(p as never);
    await new Promise((r) => setTimeout(r, 0));
    expect(stranger.disconnected && wrongName.disconnected).toBe(true);
    feed.broadcast(jobs);
    // Exactly the two accepted ports hear the feed (the list on connecting, then the broadcast).
    expect([panel, popup, stranger, wrongName].map((p) => p.sent.length)).toEqual([2, 2, 0, 0]);
    const ids = (p: ReturnType<typeof port>) =>
      (p.sent.at(-1) as { jobs: JobView[] }).jobs.map((j) => j.id);
    expect(ids(panel)).toEqual(['a']);
    expect(ids(popup)).toEqual(['a', 'b']);
  });
});

describe('keeping the worker awake', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    Object.assign(fakeBrowser.runtime, { getPlatformInfo: async () => ({}) });
  });

  it('arms the watchdog alarm while jobs run and clears it when none do', async () => {
    let busy = true;
    const keepAwake = createKeepAwake(() => busy);
    keepAwake();
    await new Promise((r) => setTimeout(r, 0));
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([WATCHDOG]);
    busy = false;
    keepAwake();
    await new Promise((r) => setTimeout(r, 0));
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});
