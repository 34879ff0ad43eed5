import '@/components/ui.css';
import '@/components/pages.css';
import { render } from 'preact';
import { AlertSettings } from '@/components/alerts/AlertSettings';
import { createBrowserBridge } from '@/utils/ui/bridge';
import { createBrowserPermissions } from '@/utils/ui/permissions';
import { i18n } from '#i18n';

// The tab's title in the browser's language (index.html's is the English fallback).
document.title = i18n.t('pageTitle.alerts');

// Opened by the panel's offer: a content script cannot ask for a permission, this page can.
render(
  <main class="bcm-page">
    <AlertSettings
      bridge={createBrowserBridge()}
      permissions={createBrowserPermissions()}
      heading="h1"
    />
  </main>,
  document.getElementById('app')!,
);
