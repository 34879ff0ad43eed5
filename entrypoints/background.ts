import type { Runtime } from 'webextension-polyfill';
import { storage } from 'wxt/utils/storage';
import { createDownloader } from '@/utils/background/downloads';
import { registerHandlers } from '@/utils/background/handlers';
import { classifySender, storeOfSender } from '@/utils/background/trust';
import { createRegistry } from '@/utils/jobs/registry';
import type { JobRecord } from '@/utils/jobs/record';
import type { JobView } from '@/utils/jobs/types';
import { JOBS_PORT, type JobsFeedMessage } from '@/utils/messages';
import { createJobRecordStore } from '@/utils/storage/jobs';
import { createIdbSpool } from '@/utils/storage/spool';
import { createStoreRegistry } from '@/utils/storage/stores';
import { createTokenVault } from '@/utils/storage/tokens';

const WATCHDOG = 'jobs-watchdog';
/** Set for the browser session: its absence at start-up means the browser restarted. */
const sessionAlive = storage.defineItem<boolean>('session:alive', { fallback: false });

export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const spool = createIdbSpool();
  const vault = createTokenVault();
  const stores = createStoreRegistry();
  const records = createJobRecordStore<JobRecord>();
  const saveFile = createDownloader(spool);
  /** Open UIs and, for a control-panel page, the one store it may see. */
  const ports = new Map<Runtime.Port, string | null>();

  const registry = createRegistry({
    records,
    spool,
    tokenFor: (hash) => vault.get(hash),
    onChange: (jobs) => {
      broadcast(jobs);
      keepAwake();
    },
    onFileReady: (job, file) => void saveFile(job, file).catch(() => {}),
  });

  function post(port: Runtime.Port, jobs: JobView[]) {
    const store = ports.get(port);
    const msg: JobsFeedMessage = { type: 'jobs', jobs: store ? jobs.filter((j) => j.storeHash === store) : jobs };
    try {
      port.postMessage(msg);
    } catch {
      ports.delete(port);
    }
  }
  function broadcast(jobs: JobView[]) {
    for (const port of ports.keys()) post(port, jobs);
  }

  // Open UIs subscribe to job updates on a port; only our own contexts may.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== JOBS_PORT || classifySender(port.sender ?? {}, browser.runtime.id, extensionOrigin) === 'untrusted') {
      port.disconnect();
      return;
    }
    ports.set(port, storeOfSender(port.sender ?? {}));
    port.onDisconnect.addListener(() => ports.delete(port));
    void registry.list().then((jobs) => post(port, jobs));
  });

  registerHandlers({
    registry,
    stores,
    vault,
    extensionId: browser.runtime.id,
    extensionOrigin,
    openOptions: async (storeHash) => {
      const url = browser.runtime.getURL('/options.html') + (storeHash ? `?store=${encodeURIComponent(storeHash)}` : '');
      await browser.tabs.create({ url });
    },
    download: async (jobId, kind) => {
      const job = registry.get(jobId);
      const file = job?.files.find((f) => f.kind === kind);
      if (job && file) await saveFile(job, file);
    },
  });

  // Chrome stops an idle worker after ~30 s, and long chains of fetches can be cut. While
  // jobs run, an extension API call every 20 s keeps it alive, and an alarm restarts it
  // (and with it the jobs, from their checkpoints) if it was stopped anyway.
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  function keepAwake() {
    if (registry.busy() && !keepAlive) {
      keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
      void browser.alarms.create(WATCHDOG, { periodInMinutes: 0.5 });
    } else if (!registry.busy() && keepAlive) {
      clearInterval(keepAlive);
      keepAlive = null;
      void browser.alarms.clear(WATCHDOG);
    }
  }
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG) void registry.recover(true).then(keepAwake);
  });

  // At start-up: a worker restart within the same browser session resumes everything;
  // after a browser restart, exports resume and generate/purge wait for the merchant.
  void (async () => {
    // Where session storage is missing, assume a browser restart: the cautious reading.
    const sameSession = await sessionAlive.getValue().catch(() => false);
    await sessionAlive.setValue(true).catch(() => {});
    await registry.recover(sameSession);
    keepAwake();
  })();
});
