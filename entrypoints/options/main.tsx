import '@/components/ui.css';
import '@/components/pages.css';
import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import { normalizeStoreHash } from '@/utils/ui/api-account';
import { createBrowserBridge } from '@/utils/ui/bridge';
import { createBrowserPermissions } from '@/utils/ui/permissions';
import { i18n } from '#i18n';

// The tab's title in the browser's language (index.html's is the English fallback).
document.title = i18n.t('pageTitle.options');

// The background opens this page with ?store={hash} when "Connect this store" is pressed.
const initialStoreHash = normalizeStoreHash(
  new URLSearchParams(location.search).get('store') ?? '',
);
render(
  <OptionsPage
    bridge={createBrowserBridge()}
    initialStoreHash={initialStoreHash}
    permissions={createBrowserPermissions()}
  />,
  document.getElementById('app')!,
);
