/** The connected stores: one button each, the chosen one marked (aria-current). */
import type { JSX } from 'preact';
import { ErrorAlert } from '../ErrorAlert';
import { useStore } from '../state/use-store';
import { storeLabel } from '@/utils/ui/store-name';
import type { ManagerModel } from './manager-model';

export function StoreList(props: { model: ManagerModel }): JSX.Element {
  const { model } = props;
  const stores = useStore(model.state, (s) => s.stores);
  const current = useStore(model.state, (s) => s.storeHash);

  let body: JSX.Element;
  if (stores.status === 'error')
    body = (
      <ErrorAlert
        message={stores.error ?? ''}
        retry={{ label: 'Try again', onClick: () => void model.loadStores() }}
      />
    );
  else if (stores.status !== 'ready') body = <p class="bcm-muted">Loading your stores…</p>;
  else if (stores.value.length === 0)
    body = (
      <div class="bcm-notice-block">
        <p>
          No store is connected yet. Connect one in the extension’s settings with a BigCommerce API
          account (Marketing: modify); its bulk coupon promotions then show here.
        </p>
        <button
          type="button"
          class="bcm-button bcm-primary"
          onClick={() => void model.openSettings()}
        >
          Connect a store
        </button>
      </div>
    );
  else
    body = (
      <ul class="bcm-manager-stores" aria-labelledby="bcm-stores-title">
        {stores.value.map((s) => (
          <li key={s.storeHash}>
            <button
              type="button"
              class="bcm-manager-store"
              aria-current={s.storeHash === current ? 'true' : undefined}
              aria-describedby={
                s.access === 'read-only' ? `bcm-store-${s.storeHash}-access` : undefined
              }
              onClick={() => model.chooseStore(s.storeHash)}
            >
              {storeLabel(s)}
            </button>
            {s.access === 'read-only' ? (
              <span id={`bcm-store-${s.storeHash}-access`} class="bcm-hint">
                Read-only: export only
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    );

  return (
    <nav class="bcm-card bcm-manager-nav" aria-labelledby="bcm-stores-title">
      <h2 id="bcm-stores-title">Stores</h2>
      {body}
    </nav>
  );
}
