/**
 * The list page's picker: the store's bulk coupon promotions, to choose the one to work on
 * (on a promotion's own page the URL says which one it is).
 */
import type { JSX } from 'preact';
import { pluralCodes } from '@/utils/ui/format';
import { ErrorAlert } from '../ErrorAlert';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';

export function PromotionPicker(props: { model: PanelModel }): JSX.Element {
  const { model } = props;
  const list = useStore(model.panel, (s) => s.bulkPromotions);
  const selected = useStore(model.panel, (s) => s.promotionId);
  if (list.status === 'error')
    return (
      <ErrorAlert
        message={list.error ?? ''}
        retry={{ label: 'Try again', onClick: () => void model.refreshBulkPromotions() }}
      />
    );
  if (list.status !== 'ready')
    return <p class="bcm-muted">Loading this store’s bulk coupon promotions…</p>;
  if (list.value.length === 0)
    return (
      <p class="bcm-muted">
        This store has no bulk coupon promotions yet. Create a promotion that uses coupon codes with
        bulk codes, then open it here.
      </p>
    );
  return (
    <div class="bcm-field">
      <label for="bcm-promotion">Promotion</label>
      <select
        id="bcm-promotion"
        value={selected === null ? '' : String(selected)}
        aria-describedby="bcm-promotion-hint"
        onChange={(e) => {
          const value = e.currentTarget.value;
          model.pickPromotion(value === '' ? null : Number(value));
        }}
      >
        <option value="">Choose a bulk coupon promotion…</option>
        {list.value.map((p) => (
          <option key={p.id} value={String(p.id)}>
            {p.name}
            {p.codeCount !== null ? ` (${pluralCodes(p.codeCount)})` : ''}
          </option>
        ))}
      </select>
      <p id="bcm-promotion-hint" class="bcm-hint">
        Only promotions with bulk coupon codes are listed.
      </p>
    </div>
  );
}
