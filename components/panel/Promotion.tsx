/**
 * The promotion being worked on: loading, its error, a promotion without bulk codes (said
 * plainly), or its name and code count with the operations.
 */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { PromotionInfo, StoreView } from '@/utils/messages';
import { pluralCodes } from '@/utils/ui/format';
import { changesAtReading, liveCodeCount } from '@/utils/ui/live-count';
import { ErrorAlert } from '../ErrorAlert';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { Operations, type DialogHooks } from './Operations';
import { isBulkCoupon } from '@/utils/vocabulary';
import { i18n } from '#i18n';

/** The name and the code count, kept up with this promotion's jobs between two readings. */
function PromotionSummary(props: { info: PromotionInfo; model: PanelModel }): JSX.Element {
  const { info, model } = props;
  const store = useStore(model.panel, (s) => s.location?.storeHash ?? '');
  const jobs = useStore(model.jobs, (s) => s.jobs);
  // Taken when a reading arrives (a new `info`): what the jobs had done by then is in it.
  const atReading = useMemo(
    () => changesAtReading(model.jobs.getState().jobs, store, info.id),
    [info, store, model],
  );
  const count =
    info.codeCount === null ? null : liveCodeCount(info.codeCount, atReading, jobs, store, info.id);
  return (
    <p class="bcm-promotion">
      <strong>{info.name}</strong>
      {count !== null ? <span class="bcm-muted"> · {pluralCodes(count)}</span> : null}
    </p>
  );
}

function notBulkText(info: PromotionInfo): string {
  return info.redemptionType === 'AUTOMATIC'
    ? i18n.t('notBulk.automatic', [info.name])
    : i18n.t('notBulk.single', [info.name]);
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
        retry={{ label: i18n.t('common.tryAgain'), onClick: () => void model.refreshPromotion() }}
      />
    );
  if (!info) return <p class="bcm-muted">{i18n.t('promotion.loading')}</p>;
  if (!isBulkCoupon(info))
    return (
      <>
        <PromotionSummary info={info} model={model} />
        <p class="bcm-notice">{notBulkText(info)}</p>
      </>
    );
  return (
    <>
      {props.onListPage ? null : <PromotionSummary info={info} model={model} />}
      <Operations model={model} store={props.store} info={info} dialog={props.dialog} />
    </>
  );
}
