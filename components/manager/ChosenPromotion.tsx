/**
 * The promotion chosen in the list, in the same "Bulk coupon codes" panel as in the control
 * panel, so every action works with the control panel closed. Focus moves into the panel
 * (its heading) when it opens; "Back to the list" returns. Its codes are below, in a table.
 */
import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { Panel, PANEL_TITLE_ID } from '../Panel';
import { useStore } from '../state/use-store';
import { CodesTable } from './CodesTable';
import { storeNameOf, type ManagerModel } from './manager-model';
import { storeLabel } from '@/utils/ui/store-name';
import { i18n } from '#i18n';

export function ChosenPromotion(props: {
  model: ManagerModel;
  storeHash: string;
  promotion: { id: number; name: string };
  /** A job to go to (a notification's click): its card takes focus once it shows. */
  jobId?: string | null;
}): JSX.Element {
  const { model, promotion } = props;
  // Opened from the page's address, the list has not named it: the panel's reading does.
  const read = useStore(model.panel.panel, (s) =>
    s.promotion.value?.id === promotion.id ? s.promotion.value.name : null,
  );
  const name =
    promotion.name || read || i18n.t('confirm.promotionFallback', [String(promotion.id)]);
  const store = {
    storeHash: props.storeHash,
    name: useStore(model.state, (s) => storeNameOf(s, props.storeHash)),
  };
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // The panel's heading takes focus (tabIndex -1): a screen reader lands in the region. By its
    // id: the region's name is in the merchant's language.
    frame.current?.querySelector<HTMLElement>(`#${PANEL_TITLE_ID}`)?.focus();
  }, [promotion.id]);
  const jobShown = useStore(model.panel.jobs, (s) =>
    props.jobId
      ? s.jobs.some((j) => j.id === props.jobId && j.promotionId === promotion.id)
      : false,
  );
  const wentToJob = useRef(false);
  useLayoutEffect(() => {
    if (!jobShown || wentToJob.current) return;
    const title = document.getElementById(`bcm-job-${props.jobId}-title`);
    if (!title) return;
    wentToJob.current = true;
    title.tabIndex = -1;
    title.focus();
    title.scrollIntoView?.({ block: 'center' });
  }, [jobShown]);
  return (
    <div class="bcm-manager-main bcm-manager-chosen" ref={frame}>
      <div class="bcm-manager-crumbs">
        <button type="button" class="bcm-button" onClick={() => model.back()}>
          <span aria-hidden="true">← </span>
          {i18n.t('manager.back')}
        </button>
        <p class="bcm-muted">
          {storeLabel(store)} › <strong>{name}</strong>
        </p>
      </div>
      <Panel model={model.panel} />
      <CodesTable panel={model.panel} storeHash={props.storeHash} promotionId={promotion.id} />
    </div>
  );
}
