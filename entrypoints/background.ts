/**
 * The background: wiring only. It holds the tokens and the jobs; pages reach it through the
 * message table (utils/messages) and follow jobs on the jobs feed.
 */
import { browser, defineBackground } from '#imports';
import { createPromotionListCache } from '@/utils/api/promotion-lists';
import { DEFAULT_API_ORIGIN } from '@/utils/api/client';
import { createStoreClients } from '@/utils/api/store-clients';
import { checkToken } from '@/utils/api/check-token';
import { createDownloads } from '@/utils/background/downloads';
import { createJobStarts } from '@/utils/background/job-starts';
import { createJobsFeed } from '@/utils/background/jobs-feed';
import { createKeepAwake, WATCHDOG } from '@/utils/background/keep-awake';
import { hasPermission } from '@/utils/background/has-permission';
import { createNotifier } from '@/utils/background/notifier';
import { createPowerHold, writingUnderWay } from '@/utils/background/power';
import { createToolbarBadge } from '@/utils/background/toolbar-badge';
import { detectSession } from '@/utils/background/session';
import { createStoreConnections } from '@/utils/background/store-connections';
import { createRegistry } from '@/utils/jobs/registry';
import type { JobRecord } from '@/utils/jobs/record';
import { offerAlertsFor } from '@/utils/messages/alerts';
import { registerMessages } from '@/utils/messages/register';
import type { JobView } from '@/utils/jobs/types';
import type { ListedPromotion } from '@/utils/messages/views';
import { createAlertSettings } from '@/utils/storage/alerts';
import { createSpreadsheetCsvSetting } from '@/utils/storage/spreadsheet-csv';
import { PLAIN_CSV, SPREADSHEET_CSV } from '@/utils/csv/write';
import { createJobRecordStore } from '@/utils/storage/jobs';
import { createIdbSpool } from '@/utils/storage/spool-idb';
import { currentLocale, setLocale } from '@/utils/locale/current';
import { createSessionStopMarks } from '@/utils/storage/stop-marks';
import { createStoreRegistry } from '@/utils/storage/stores';
import { createTokenVault } from '@/utils/storage/tokens';
import { badgeFor } from '@/utils/ui/badge-text';
import { jobEstimateText } from '@/utils/ui/estimate-text';
import { noticesFor } from '@/utils/ui/notice-text';

export default defineBackground(() => {
  // Numbers and dates in the language the browser shows (a worker's navigator.language may differ).
  setLocale(browser.i18n.getUILanguage());
  const extensionId = browser.runtime.id;
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const spool = createIdbSpool();
  const vault = createTokenVault();
  const stores = createStoreRegistry();
  const clients = createStoreClients({
    tokenFor: (hash) => vault.get(hash),
    fetch: globalThis.fetch.bind(globalThis),
    apiOrigin: DEFAULT_API_ORIGIN,
    governor: {},
  });
  const spreadsheetCsv = createSpreadsheetCsvSetting(currentLocale);
  // Listeners are registered now, at the worker's start: the browser wakes the worker for them.
  const downloads = createDownloads(
    spool,
    (id, change) => void registry.downloadChanged(id, change),
    async () => ((await spreadsheetCsv.get()).on ? SPREADSHEET_CSV : PLAIN_CSV),
  );
  const feed = createJobsFeed({ extensionId, extensionOrigin, list: () => registry.list() });
  const alertSettings = createAlertSettings();
  // What the merchant sees with every page closed: the toolbar badge, notifications (if
  // wanted and allowed), and the computer kept awake while codes are written (if allowed).
  const badge = createToolbarBadge();
  const notify = createNotifier({
    settings: alertSettings,
    jobs: () => registry.list(),
    notices: noticesFor,
  });
  const power = createPowerHold();
  const outside = (jobs: JobView[]) => {
    badge(badgeFor(jobs, Date.now()));
    void notify(jobs);
    void power(writingUnderWay(jobs));
  };
  const registry = createRegistry({
    records: createJobRecordStore<JobRecord>(),
    stops: createSessionStopMarks(),
    spool,
    clients,
    downloads,
    onChange: (jobs) => {
      feed.broadcast(jobs);
      keepAwake();
      outside(jobs);
    },
  });
  const keepAwake = createKeepAwake(() => registry.busy());
  browser.runtime.onConnect.addListener((port) => feed.connect(port));

  const promotionLists = createPromotionListCache<ListedPromotion>();
  const alerts = {
    settings: alertSettings,
    notificationsGranted: () => hasPermission('notifications'),
    openPage: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/alerts.html') });
    },
  };
  registerMessages({
    extensionId,
    extensionOrigin,
    services: {
      registry,
      startJob: createJobStarts({
        access: async (storeHash) => (await stores.get(storeHash))?.access ?? null,
        clients,
        registry,
        offerAlerts: (request, jobId, client) =>
          offerAlertsFor({ alerts, clients, registry }, request, jobId, client),
      }),
      clients,
      promotionLists,
      stores: createStoreConnections({
        stores,
        vault,
        registry,
        promotionLists,
        checkToken: (storeHash, token) => checkToken(storeHash, token),
        storeName: async (storeHash) => (await clients.clientFor(storeHash)).storeName(),
      }),
      estimateText: jobEstimateText,
      alerts,
      spreadsheetCsv,
      openOptions: async (storeHash) => {
        const url =
          browser.runtime.getURL('/options.html') +
          (storeHash ? `?store=${encodeURIComponent(storeHash)}` : '');
        await browser.tabs.create({ url });
      },
    },
  });

  // Start-up and the watchdog alarm ask the same question once (did the browser restart?).
  // After a worker restart within the session, a job it cut off carries on by itself only as
  // registry.recover() allows: no stop asked of it, and for generate/purge/delete only if it
  // stopped under two minutes ago and Resume would allow it; after a browser restart, exports
  // carry on and jobs that write wait for the merchant.
  const session = detectSession();
  const recover = () =>
    session.then(({ sameSession }) => registry.recover(sameSession)).then(keepAwake);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG) void recover();
  });
  void recover()
    .then(() => registry.expire())
    .then(() => registry.list())
    .then(outside);
});
