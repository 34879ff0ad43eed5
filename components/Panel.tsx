/**
 * The panel shown on a promotion's page in the control panel (inside a shadow root).
 * Accessible names here are a contract: merchants' automation and screen readers rely on them.
 */
import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PromotionInfo, StoreView } from '@/utils/messages';
import { pluralCodes } from '@/utils/ui/format';
import { isUnfinished } from '@/utils/ui/job-text';
import { GenerateForm } from './GenerateForm';
import { JobCard } from './JobCard';
import { PurgeDialog } from './PurgeDialog';
import { visibleJobs, type PanelModel } from './state/panel-model';
import { useStore } from './state/use-store';

function FeedNotice(props: { model: PanelModel }) {
  const feed = useStore(props.model.jobs, (s) => s.feed);
  if (feed === 'reconnecting')
    return <p class="bcm-notice">Reconnecting to the extension… progress will show again in a moment.</p>;
  if (feed === 'closed')
    return (
      <p role="alert" class="bcm-error">
        The extension was updated or reloaded. Reload this page to keep working.
      </p>
    );
  return null;
}

function NotConnected(props: { model: PanelModel; storeHash: string }) {
  const busy = useStore(props.model.panel, (s) => s.busy);
  return (
    <div class="bcm-notice-block">
      <p>
        <strong>This store is not connected yet.</strong> To generate, export or purge codes, connect store{' '}
        <code>{props.storeHash}</code> in the extension’s settings with a BigCommerce API account (Marketing: modify). The
        access token is entered there, in the extension, never on this page.
      </p>
      <div class="bcm-actions">
        <button type="button" class="bcm-button bcm-primary" disabled={busy} onClick={() => void props.model.openOptions()}>
          Connect this store
        </button>
        <button type="button" class="bcm-button" onClick={() => void props.model.refreshStore()}>
          Check again
        </button>
      </div>
    </div>
  );
}

function PromotionPicker(props: { model: PanelModel }) {
  const { model } = props;
  const list = useStore(model.panel, (s) => s.bulkPromotions);
  const selected = useStore(model.panel, (s) => s.promotionId);
  if (list.status === 'error')
    return (
      <div>
        <p role="alert" class="bcm-error">
          {list.error}
        </p>
        <button type="button" class="bcm-button" onClick={() => void model.refreshBulkPromotions()}>
          Try again
        </button>
      </div>
    );
  if (list.status !== 'ready') return <p class="bcm-muted">Loading this store’s bulk coupon promotions…</p>;
  if (list.value.length === 0)
    return (
      <p class="bcm-muted">
        This store has no bulk coupon promotions yet. Create a promotion that uses coupon codes with bulk codes, then open it
        here.
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

function PromotionSummary(props: { info: PromotionInfo }) {
  const { info } = props;
  return (
    <p class="bcm-promotion">
      <strong>{info.name}</strong>
      {info.codeCount !== null ? <span class="bcm-muted"> · {pluralCodes(info.codeCount)}</span> : null}
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

interface DialogHooks {
  /** Opens the purge dialog, remembering which button opened it. */
  openDialog: (jobId: string | null, opener: HTMLElement) => void;
  purgeButtonRef: (el: HTMLButtonElement | null) => void;
}

function Operations(props: { model: PanelModel; store: StoreView; info: PromotionInfo; dialog: DialogHooks }) {
  const { model, store, info } = props;
  const s = useStore(model.panel, (st) => st);
  const allJobs = useStore(model.jobs, (st) => st.jobs);
  const unusedOnly = useStore(model.form, (st) => st.exportUnusedOnly);
  const storeHash = s.location?.storeHash ?? '';
  const jobs = visibleJobs(allJobs, storeHash, info.id, s.dismissed);
  const running = jobs.some((job) => isUnfinished(job.status));
  const readOnly = store.access === 'read-only';
  const blocked = running || s.busy;

  return (
    <>
      {jobs.map((job) => (
        <JobCard
          key={job.id}
          job={job}
          busy={s.busy}
          onControl={(action) => void model.control(job.id, action)}
          onDownload={(kind) => void model.download(job.id, kind)}
          onDismiss={() => model.dismissJob(job.id)}
          onReview={job.kind === 'purge' ? (opener) => props.dialog.openDialog(job.id, opener) : undefined}
        />
      ))}
      {s.actionError && !s.purgeDialog.open ? (
        <p role="alert" class="bcm-error">
          {s.actionError}
        </p>
      ) : null}
      {running ? (
        <p class="bcm-muted" id="bcm-running-hint">
          A job is under way on this promotion. New jobs can start when it has finished or been cancelled.
        </p>
      ) : null}
      {readOnly ? (
        <p class="bcm-notice">
          This store is connected with read-only access (Marketing: read-only), so codes can be exported but not generated
          or purged. To do those, create an API account with Marketing: modify and connect the store again in the
          extension’s settings.
        </p>
      ) : (
        <GenerateForm model={model} disabled={blocked} />
      )}
      <div class="bcm-row">
        <div class="bcm-group" role="group" aria-labelledby="bcm-export-title">
          <h3 id="bcm-export-title" class="bcm-section-title">
            Export
          </h3>
          <div class="bcm-actions">
            <button
              type="button"
              class="bcm-button"
              disabled={blocked}
              aria-describedby={running ? 'bcm-running-hint' : undefined}
              onClick={() => void model.startExport(unusedOnly)}
            >
              Export codes
            </button>
            <span class="bcm-check">
              <input
                id="bcm-unused-only"
                type="checkbox"
                checked={unusedOnly}
                onChange={(e) => model.form.setState({ exportUnusedOnly: e.currentTarget.checked })}
              />
              <label for="bcm-unused-only">only unused codes</label>
            </span>
          </div>
        </div>
        {readOnly ? null : (
          <div class="bcm-group" role="group" aria-labelledby="bcm-purge-title">
            <h3 id="bcm-purge-title" class="bcm-section-title">
              Purge
            </h3>
            <div class="bcm-actions">
              <button
                type="button"
                class="bcm-button bcm-danger"
                ref={props.dialog.purgeButtonRef}
                disabled={blocked}
                aria-describedby={running ? 'bcm-running-hint' : 'bcm-purge-hint'}
                onClick={(e) => props.dialog.openDialog(null, e.currentTarget)}
              >
                Purge codes
              </button>
            </div>
            <p id="bcm-purge-hint" class="bcm-hint">
              Deletes codes after a backup and your confirmation.
            </p>
          </div>
        )}
      </div>
    </>
  );
}

function Body(props: { model: PanelModel; dialog: DialogHooks }) {
  const { model } = props;
  const s = useStore(model.panel, (st) => st);
  const location = s.location;
  if (!location) return <p class="bcm-muted">Loading…</p>;

  if (s.store.status === 'error')
    return (
      <div>
        <p role="alert" class="bcm-error">
          {s.store.error}
        </p>
        <button type="button" class="bcm-button" onClick={() => void model.refreshStore()}>
          Try again
        </button>
      </div>
    );
  if (s.store.status !== 'ready') return <p class="bcm-muted">Checking this store…</p>;
  const store = s.store.value;
  if (!store) return <NotConnected model={model} storeHash={location.storeHash} />;

  const onListPage = location.promotionId === null;
  let promotion: JSX.Element | null = null;
  if (s.promotionId !== null) {
    const info = s.promotion.value;
    if (s.promotion.status === 'error')
      promotion = (
        <div>
          <p role="alert" class="bcm-error">
            {s.promotion.error}
          </p>
          <button type="button" class="bcm-button" onClick={() => void model.refreshPromotion()}>
            Try again
          </button>
        </div>
      );
    else if (!info) promotion = <p class="bcm-muted">Loading the promotion…</p>;
    else if (info.couponType !== 'BULK' || info.redemptionType !== 'COUPON')
      promotion = (
        <>
          <PromotionSummary info={info} />
          <p class="bcm-notice">{notBulkText(info)}</p>
        </>
      );
    else
      promotion = (
        <>
          {onListPage ? null : <PromotionSummary info={info} />}
          <Operations model={model} store={store} info={info} dialog={props.dialog} />
        </>
      );
  }

  return (
    <>
      {onListPage ? <PromotionPicker model={model} /> : null}
      {promotion}
    </>
  );
}

export function Panel(props: { model: PanelModel; floating?: boolean }): JSX.Element {
  const { model } = props;
  const collapsed = useStore(model.panel, (s) => s.collapsed);
  const dialogOpen = useStore(model.panel, (s) => s.purgeDialog.open);
  const heading = useRef<HTMLHeadingElement>(null);
  const purgeButton = useRef<HTMLButtonElement | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const dialogHooks: DialogHooks = {
    openDialog: (jobId, el) => {
      opener.current = el;
      model.openPurgeDialog(jobId);
    },
    purgeButtonRef: (el) => {
      purgeButton.current = el;
    },
  };
  // When the dialog closes, focus goes back to the button that opened it; else "Purge codes";
  // else the panel's heading. After the commit: until then the section is still inert.
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (wasOpen.current && !dialogOpen) returnFocus();
    wasOpen.current = dialogOpen;
  }, [dialogOpen]);
  function returnFocus() {
    const usable = (el: HTMLElement | null): el is HTMLElement =>
      el !== null && el.isConnected && !(el as HTMLButtonElement).disabled;
    const target = [opener.current, purgeButton.current].find(usable) ?? heading.current;
    opener.current = null;
    target?.focus();
  }

  return (
    <div class={props.floating ? 'bcm-root bcm-floating' : 'bcm-root'}>
      <section aria-label="Bulk coupon codes" class="bcm-card" inert={dialogOpen || undefined}>
        <header class="bcm-header">
          <h2 id="bcm-title" ref={heading} tabIndex={-1}>
            Bulk coupon codes
          </h2>
          <button
            type="button"
            class="bcm-button bcm-link"
            aria-expanded={!collapsed}
            aria-controls="bcm-body"
            onClick={() => model.setCollapsed(!collapsed)}
          >
            {collapsed ? 'Show' : 'Hide'}
          </button>
        </header>
        <div id="bcm-body" class="bcm-body" hidden={collapsed}>
          <FeedNotice model={model} />
          <Body model={model} dialog={dialogHooks} />
        </div>
      </section>
      {dialogOpen && !collapsed ? (
        <PurgeDialog model={model} />
      ) : null}
    </div>
  );
}
