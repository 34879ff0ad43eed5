/**
 * The one-time offer after a long job starts: notifications when it ends or needs the merchant.
 * The permission can only be asked for from an extension page, so "Turn on notifications"
 * opens the small one that asks (alerts.html); "No thanks" puts the offer away for good.
 */
import type { JSX } from 'preact';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { i18n } from '#i18n';

export function AlertOffer(props: { model: PanelModel }): JSX.Element | null {
  const { model } = props;
  const shown = useStore(model.panel, (s) => s.alertOffer);
  if (!shown) return null;
  const close = () => model.panel.setState({ alertOffer: false });
  return (
    <div class="bcm-notice-block" role="group" aria-labelledby="bcm-offer-text">
      <p id="bcm-offer-text">
        <strong>{i18n.t('alertOffer.title')}</strong> {i18n.t('alertOffer.body')}
      </p>
      <div class="bcm-actions">
        <button
          type="button"
          class="bcm-button bcm-primary"
          onClick={() => {
            close();
            void model.bridge.send('openAlertsPage');
          }}
        >
          {i18n.t('alertOffer.turnOn')}
        </button>
        <button type="button" class="bcm-button" onClick={close}>
          {i18n.t('alertOffer.noThanks')}
        </button>
      </div>
    </div>
  );
}
