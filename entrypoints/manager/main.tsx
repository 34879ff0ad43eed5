import '@/components/ui.css';
import '@/components/pages.css';
import '@/components/manager/manager.css';
import { render } from 'preact';
import { ManagerPage } from '@/components/manager/ManagerPage';
import { normalizeStoreHash } from '@/utils/ui/api-account';
import { createBrowserBridge } from '@/utils/ui/bridge';
import { i18n } from '#i18n';

// The tab's title in the browser's language (index.html's is the English fallback).
document.title = i18n.t('pageTitle.manager');

// manager.html?store={hash}&promotion={id} opens on that store (when it is connected) and that
// promotion; else the first store's list. The address follows the merchant, so a reload or a
// bookmark comes back to the same place.
const params = new URLSearchParams(location.search);
const initialStore = normalizeStoreHash(params.get('store') ?? '');
const promotion = Number(params.get('promotion'));
const initialPromotion = Number.isSafeInteger(promotion) && promotion > 0 ? promotion : null;
// …&job={id} (a notification's click): that job's card takes focus once it shows.
const job = params.get('job');
const initialJob = job && /^[A-Za-z0-9_-]{1,64}$/.test(job) ? job : null;

function onPlace(storeHash: string | null, promotionId: number | null): void {
  const next = new URLSearchParams();
  if (storeHash) next.set('store', storeHash);
  if (storeHash && promotionId !== null) next.set('promotion', String(promotionId));
  const query = next.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

render(
  <ManagerPage
    bridge={createBrowserBridge()}
    initialStore={initialStore}
    initialPromotion={initialPromotion}
    initialJob={initialJob}
    onPlace={onPlace}
  />,
  document.getElementById('app')!,
);
