/**
 * The promotion being worked on: loading, its error, a promotion without bulk codes (said
 * plainly), or its name and code count with the operations.
 */
import type { JSX } from 'preact';
import type { PromotionInfo, StoreView } from '@/utils/messages';
import { pluralCodes } from '@/utils/ui/format';
import { ErrorAlert } from '../ErrorAlert';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { Operations, type DialogHooks } from './Operations';
import { isBulkCoupon } from '@/utils/vocabulary';

function PromotionSummary(props: { info: PromotionInfo }): JSX.Element {
  const { info } = props;
  return (
    <p class="bcm-promotion">
      <strong>{info.name}</strong>
      {info.codeCount !== null ? (
        <span class="bcm-muted"> · {pluralCodes(info.codeCount)}</span>
      ) : null}
    </p>
  );
}

function notBulkText(info: PromotionInfo): string {
  const what =
    info.redemptionType === 'AUTOMATIC'
      ? 'an automatic promotion (it needs no coupon code)'
      : 'a single-code coupon promotion';
  return (
    `“${info.name}” is ${what}, not a bulk coupon promotion, so there are no bulk codes to generate, export or purge ` +
    'here. Bulk codes work with coupon promotions set to use bulk (unique) codes.'
  );
}

/**
 * `onListPage`: the picker above already names the promotion, so the summary is left out
 * (except for a promotion without bulk codes, where it says which one that is).
 */
export function Promotion(props: {
  model: PanelModel;
  store: StoreView;
  onListPage: boolean;
  dialog: DialogHooks;
}): JSX.Element {
  const { model } = props;
  const promotion = useStore(model.panel, (s) => s.promotion);
  const info = promotion.value;
  if (promotion.status === 'error')
    return (
      <ErrorAlert
        message={promotion.error ?? ''}
        retry={{ label: 'Try again', onClick: () => void model.refreshPromotion() }}
      />
    );
  if (!info) return <p class="bcm-muted">Loading the promotion…</p>;
  if (!isBulkCoupon(info))
    return (
      <>
        <PromotionSummary info={info} />
        <p class="bcm-notice">{notBulkText(info)}</p>
      </>
    );
  return (
    <>
      {props.onListPage ? null : <PromotionSummary info={info} />}
      <Operations model={model} store={props.store} info={info} dialog={props.dialog} />
    </>
  );
}
