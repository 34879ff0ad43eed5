import '@/components/ui.css';
import '@/components/pages.css';
import '@/components/manager/manager.css';
import { render } from 'preact';
import { ManagerPage } from '@/components/manager/ManagerPage';
import { normalizeStoreHash } from '@/utils/ui/api-account';
import { createBrowserBridge } from '@/utils/ui/bridge';

// manager.html?store={hash} opens on that store (when it is connected); else the first one.
const initialStore = normalizeStoreHash(new URLSearchParams(location.search).get('store') ?? '');
render(<ManagerPage bridge={createBrowserBridge()} initialStore={initialStore} />, document.getElementById('app')!);
