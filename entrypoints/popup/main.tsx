import '@/components/ui.css';
import '@/components/pages.css';
import { render } from 'preact';
import { browser } from '#imports';
import { PopupPage } from '@/components/popup/PopupPage';
import { createBrowserBridge } from '@/utils/ui/bridge';
import { i18n } from '#i18n';

// The tab's title in the browser's language (index.html's is the English fallback).
document.title = i18n.t('pageTitle.popup');

/**
 * The manager page in a new tab (tabs.create needs no permission); the popup then closes. Its
 * address is the popup's own origin (what runtime.getURL('/manager.html') gives).
 */
async function openManager(): Promise<void> {
  await browser.tabs.create({ url: new URL('/manager.html', location.href).href });
  window.close();
}

render(
  <PopupPage
    bridge={createBrowserBridge()}
    onSettingsOpened={() => window.close()}
    onOpenManager={() => void openManager()}
  />,
  document.getElementById('app')!,
);
