import '@/components/ui.css';
import '@/components/pages.css';
import { render } from 'preact';
import { PopupPage } from '@/components/popup/PopupPage';
import { createBrowserBridge } from '@/utils/ui/bridge';

render(<PopupPage bridge={createBrowserBridge()} onSettingsOpened={() => window.close()} />, document.getElementById('app')!);
