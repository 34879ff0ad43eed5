/**
 * The list page's picker: the store's bulk coupon promotions, to choose the one to work on
 * (on a promotion's own page the URL says which one it is).
 */
import type { JSX } from 'preact';
import { ErrorAlert } from '../ErrorAlert';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { i18n } from '#i18n';
import { formatCount } from '@/utils/ui/format';
import { personsValue } from '../trusted';

export function PromotionPicker(props: { model: PanelModel }): JSX.Element {
  const { model } = props;
  const list = useStore(model.panel, (s) => s.bulkPromotions);
  const selected = useStore(model.panel, (s) => s.promotionId);
  if (list.status === 'error')
    return (
      <ErrorAlert
        message={list.error ?? ''}
        retry={{
          label: i18n.t('common.tryAgain'),
          onClick: () => void model.refreshBulkPromotions(),
        }}
      />
    );
  if (list.status !== 'ready') return <p class="bcm-muted">{i18n.t('picker.loading')}</p>;
  if (list.value.length === 0) return <p class="bcm-muted">{i18n.t('picker.none')}</p>;
  return (
    <div class="bcm-field">
      <label for="bcm-promotion">{i18n.t('picker.label')}</label>
      <select
        id="bcm-promotion"
        value={selected === null ? '' : String(selected)}
        aria-describedby="bcm-promotion-hint"
        onChange={(e) => {
          // It decides where Generate, Import and Purge write: only a person's choice counts.
          const value = personsValue(e, selected === null ? '' : String(selected));
          if (value !== null) model.pickPromotion(value === '' ? null : Number(value));
        }}
      >
        <option value="">{i18n.t('picker.choose')}</option>
        {list.value.map((p) => (
          <option key={p.id} value={String(p.id)}>
            {p.name}
            {p.codeCount !== null
              ? ` ${i18n.t('picker.count', p.codeCount, [formatCount(p.codeCount)])}`
              : ''}
          </option>
        ))}
      </select>
      <p id="bcm-promotion-hint" class="bcm-hint">
        {i18n.t('picker.hint')}
      </p>
    </div>
  );
}
