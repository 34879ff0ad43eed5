/**
 * One store's bulk coupon promotions: "Filter by name", a page of them (each a button named by
 * the promotion's name, its status, code count and last job read with it), the pages, Refresh,
 * and what to do when there are none or the store cannot be read. The filter stays put while
 * pages load, so typing never loses focus.
 */
import type { JSX } from 'preact';
import type { JobView } from '@/utils/jobs/types';
import type { PromotionPage, PromotionRow } from '@/utils/messages';
import { ErrorAlert } from '../ErrorAlert';
import { useStore } from '../state/use-store';
import { storeInText, storeLabel } from '@/utils/ui/store-name';
import { formatCount } from '@/utils/ui/format';
import { storeNameOf } from './manager-model';
import { useNow } from '../use-now';
import {
  codeCountText,
  lastJobs,
  lastJobText,
  listSummary,
  readAtText,
  statusText,
} from './list-text';
import type { ManagerModel } from './manager-model';
import { i18n } from '#i18n';
import { slot, withParts } from '../with-parts';

function Row(props: {
  p: PromotionRow;
  job: JobView | undefined;
  now: number;
  onChoose: () => void;
}): JSX.Element {
  const { p } = props;
  const details = `bcm-promotion-${p.id}-details`;
  const enabled = p.status === 'ENABLED';
  return (
    <li class="bcm-manager-row">
      <button
        type="button"
        class="bcm-manager-promotion"
        data-promotion-id={p.id}
        aria-describedby={details}
        onClick={props.onChoose}
      >
        {p.name}
      </button>
      <p id={details} class="bcm-manager-details">
        <span class={enabled ? 'bcm-badge bcm-badge-on' : 'bcm-badge'}>{statusText(p.status)}</span>
        <span>{codeCountText(p.codeCount)}</span>
        <span>
          {props.job
            ? i18n.t('promotions.lastJob', [lastJobText(props.job, props.now)])
            : i18n.t('promotions.noJobs')}
        </span>
      </p>
    </li>
  );
}

function Pager(props: {
  model: ManagerModel;
  page: PromotionPage;
  busy: boolean;
}): JSX.Element | null {
  const { page, model } = props;
  if (page.pages <= 1) return null;
  return (
    <nav class="bcm-manager-pager" aria-label={i18n.t('promotions.pages')}>
      <button
        type="button"
        class="bcm-button"
        disabled={props.busy || page.page <= 1}
        onClick={() => model.goToPage(page.page - 1)}
      >
        {i18n.t('promotions.previous')}
      </button>
      <span>{i18n.t('promotions.page', [formatCount(page.page), formatCount(page.pages)])}</span>
      <button
        type="button"
        class="bcm-button"
        disabled={props.busy || page.page >= page.pages}
        onClick={() => model.goToPage(page.page + 1)}
      >
        {i18n.t('promotions.next')}
      </button>
    </nav>
  );
}

function Body(props: { model: ManagerModel; storeHash: string; now: number }): JSX.Element {
  const { model, storeHash, now } = props;
  const store = { storeHash, name: useStore(model.state, (st) => storeNameOf(st, storeHash)) };
  const list = useStore(model.state, (s) => s.list);
  const jobs = useStore(model.panel.jobs, (s) => s.jobs);
  const page = list.value;

  if (list.status === 'error')
    return (
      <div>
        <ErrorAlert message={list.error ?? ''} />
        <div class="bcm-actions">
          <button type="button" class="bcm-button" onClick={() => void model.refresh()}>
            {i18n.t('common.tryAgain')}
          </button>
          <button type="button" class="bcm-button" onClick={() => void model.openSettings()}>
            {i18n.t('common.openSettings')}
          </button>
        </div>
      </div>
    );
  if (!page) return <p class="bcm-muted">{i18n.t('picker.loading')}</p>;
  if (page.total === 0)
    return (
      <p class="bcm-notice-block">
        {withParts(i18n.t('promotions.none', [storeLabel(store), slot(0)]), [
          <strong>{i18n.t('promotions.menuPath')}</strong>,
        ])}
      </p>
    );
  const last = lastJobs(jobs, storeHash);
  const busy = list.status === 'loading';
  return (
    <div aria-busy={busy ? 'true' : undefined}>
      <p class="bcm-muted bcm-manager-summary" role="status">
        {listSummary(page)} {readAtText(page.loadedAt, now)}
      </p>
      {page.promotions.length === 0 ? (
        <p class="bcm-muted">{i18n.t('promotions.noMatch', [page.filter])}</p>
      ) : (
        <ul class="bcm-manager-list" aria-label={i18n.t('promotions.list')}>
          {page.promotions.map((p) => (
            <Row key={p.id} p={p} job={last.get(p.id)} now={now} onChoose={() => model.choose(p)} />
          ))}
        </ul>
      )}
      <Pager model={model} page={page} busy={busy} />
    </div>
  );
}

export function PromotionList(props: {
  model: ManagerModel;
  storeHash: string;
  headingRef?: (el: HTMLHeadingElement | null) => void;
}): JSX.Element {
  const { model, storeHash } = props;
  const store = { storeHash, name: useStore(model.state, (st) => storeNameOf(st, storeHash)) };
  const filter = useStore(model.state, (s) => s.filter);
  const loading = useStore(model.state, (s) => s.list.status === 'loading');
  // Ticks every 30 s: "3 min ago" stays true without re-rendering every second.
  const now = useNow(true, nowPer30s);
  return (
    <section class="bcm-card bcm-manager-main" aria-labelledby="bcm-promotions-title">
      <header class="bcm-header">
        <h2 id="bcm-promotions-title" ref={props.headingRef} tabIndex={-1}>
          {i18n.t('promotions.title', [storeInText(store)])}
        </h2>
        <button
          type="button"
          class="bcm-button"
          disabled={loading}
          onClick={() => void model.refresh()}
        >
          {i18n.t('promotions.refresh')}
        </button>
      </header>
      <div class="bcm-field bcm-manager-filter" role="search">
        <label for="bcm-filter">{i18n.t('promotions.filter')}</label>
        <input
          id="bcm-filter"
          type="text"
          value={filter}
          maxLength={255}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => model.setFilter(e.currentTarget.value)}
        />
      </div>
      <Body model={model} storeHash={storeHash} now={now} />
    </section>
  );
}

/** The clock in 30-second steps (useNow re-renders only when the value changes). */
function nowPer30s(): number {
  return Math.floor(Date.now() / 30_000) * 30_000;
}
