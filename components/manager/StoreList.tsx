/** The connected stores: one button each, the chosen one marked (aria-current). */
import type { JSX } from 'preact';
import { ErrorAlert } from '../ErrorAlert';
import { useStore } from '../state/use-store';
import { storeLabel } from '@/utils/ui/store-name';
import type { ManagerModel } from './manager-model';
import { i18n } from '#i18n';

export function StoreList(props: { model: ManagerModel }): JSX.Element {
  const { model } = props;
  const stores = useStore(model.state, (s) => s.stores);
  const current = useStore(model.state, (s) => s.storeHash);

  let body: JSX.Element;
  if (stores.status === 'error')
    body = (
      <ErrorAlert
        message={stores.error ?? ''}
        retry={{ label: i18n.t('common.tryAgain'), onClick: () => void model.loadStores() }}
      />
    );
  else if (stores.status !== 'ready')
    body = <p class="bcm-muted">{i18n.t('manager.loadingStores')}</p>;
  else if (stores.value.length === 0)
    body = (
      <div class="bcm-notice-block">
        <p>{i18n.t('manager.noStores')}</p>
        <button
          type="button"
          class="bcm-button bcm-primary"
          onClick={() => void model.openSettings()}
        >
          {i18n.t('options.connectTitle')}
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
                {i18n.t('manager.readOnly')}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    );

  return (
    <nav class="bcm-card bcm-manager-nav" aria-labelledby="bcm-stores-title">
      <h2 id="bcm-stores-title">{i18n.t('manager.stores')}</h2>
      {body}
    </nav>
  );
}
