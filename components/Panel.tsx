/**
 * The panel on the control panel's promotion pages (inside a shadow root): on a promotion's
 * page it works on that promotion; on the promotions list a picker chooses one. This file is
 * the frame (heading, collapse, focus around its dialogs) and the store's state; the promotion
 * and its operations are in panel/, the dialogs in PurgeDialog.tsx and ImportDialog.tsx, "Find a
 * code" (for the whole store) in find/.
 * Accessible names here are a contract: merchants' automation, screen readers and the e2e
 * tests rely on them.
 */
import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ErrorAlert } from './ErrorAlert';
import { FindCode } from './find/FindCode';
import { ImportDialog } from './ImportDialog';
import type { DialogHooks, DialogName } from './panel/Operations';
import { Promotion } from './panel/Promotion';
import { PromotionPicker } from './panel/PromotionPicker';
import { PurgeDialog } from './PurgeDialog';
import type { PanelModel } from './state/panel-model';
import { isDialogOpen } from './state/panel-state';
import { useStore } from './state/use-store';
import { storeLabel } from '@/utils/ui/store-name';
import { i18n } from '#i18n';
import { slot, withParts } from './with-parts';

function FeedNotice(props: { model: PanelModel }) {
  const feed = useStore(props.model.jobs, (s) => s.feed);
  if (feed === 'reconnecting') return <p class="bcm-notice">{i18n.t('panel.reconnecting')}</p>;
  if (feed === 'closed') return <ErrorAlert message={i18n.t('panel.reloaded')} />;
  return null;
}

/** Not an error: the store is simply not connected yet, and the way to connect it is in the settings. */
function NotConnected(props: { model: PanelModel; storeHash: string }) {
  const busy = useStore(props.model.panel, (s) => s.busy);
  return (
    <div class="bcm-notice-block">
      <p>
        <strong>{i18n.t('panel.notConnectedTitle')}</strong>{' '}
        {withParts(i18n.t('panel.notConnectedBody', [slot(0)]), [<code>{props.storeHash}</code>])}
      </p>
      <div class="bcm-actions">
        <button
          type="button"
          class="bcm-button bcm-primary"
          disabled={busy}
          onClick={() => void props.model.openOptions()}
        >
          {i18n.t('panel.connectStore')}
        </button>
        <button type="button" class="bcm-button" onClick={() => void props.model.refreshStore()}>
          {i18n.t('common.checkAgain')}
        </button>
      </div>
    </div>
  );
}

function Body(props: { model: PanelModel; dialog: DialogHooks }) {
  const { model } = props;
  const s = useStore(model.panel, (st) => st);
  const location = s.location;
  if (!location) return <p class="bcm-muted">{i18n.t('common.loading')}</p>;

  if (s.store.status === 'error')
    return (
      <ErrorAlert
        message={s.store.error ?? ''}
        retry={{ label: i18n.t('common.tryAgain'), onClick: () => void model.refreshStore() }}
      />
    );
  if (s.store.status !== 'ready') return <p class="bcm-muted">{i18n.t('panel.checkingStore')}</p>;
  const store = s.store.value;
  if (!store) return <NotConnected model={model} storeHash={location.storeHash} />;

  const onListPage = location.promotionId === null;
  return (
    <>
      {/* The merchant's name for the store, where one is known (the page's own header may not say). */}
      {store.name ? <p class="bcm-muted">{storeLabel(store)}</p> : null}
      {onListPage ? <PromotionPicker model={model} /> : null}
      {s.promotionId !== null ? (
        <Promotion model={model} store={store} onListPage={onListPage} dialog={props.dialog} />
      ) : null}
      {/* Any code of this store, whatever promotion holds it. */}
      <FindCode bridge={model.bridge} jobs={model.jobs} stores={[store]} />
    </>
  );
}

/** The panel's heading, which takes focus when the panel opens (the manager finds it by this id). */
export const PANEL_TITLE_ID = 'bcm-title';

export function Panel(props: { model: PanelModel; floating?: boolean }): JSX.Element {
  const { model } = props;
  const collapsed = useStore(model.panel, (s) => s.collapsed);
  const dialogOpen = useStore(model.panel, isDialogOpen);
  const importOpen = useStore(model.panel, (s) => s.importDialog.open);
  const heading = useRef<HTMLHeadingElement>(null);
  /** The button that opens each dialog, and the one that opened the last: focus goes back there. */
  const buttons = useRef<Record<DialogName, HTMLButtonElement | null>>({
    purge: null,
    import: null,
  });
  const opener = useRef<HTMLElement | null>(null);
  const last = useRef<DialogName>('purge');
  const dialogHooks = useRef<DialogHooks>({
    open: (name, el, jobId = null) => {
      opener.current = el;
      last.current = name;
      if (name === 'import') model.openImportDialog();
      else model.openPurgeDialog(jobId);
    },
    buttonRefs: {
      purge: (el) => {
        buttons.current.purge = el;
      },
      import: (el) => {
        buttons.current.import = el;
      },
    },
  }).current;
  // When a dialog closes, focus goes back to the button that opened it; else the one that opens
  // that dialog ("Purge codes", "Import codes"); else the panel's heading. After the commit:
  // until then the section is still inert.
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (wasOpen.current && !dialogOpen) returnFocus();
    wasOpen.current = dialogOpen;
  }, [dialogOpen]);
  function returnFocus() {
    const usable = (el: HTMLElement | null): el is HTMLElement =>
      el !== null && el.isConnected && !(el as HTMLButtonElement).disabled;
    const target = [opener.current, buttons.current[last.current]].find(usable) ?? heading.current;
    opener.current = null;
    target?.focus();
  }

  return (
    <div class={props.floating ? 'bcm-root bcm-floating' : 'bcm-root'}>
      <section aria-label={i18n.t('panel.region')} class="bcm-card" inert={dialogOpen || undefined}>
        <header class="bcm-header">
          <h2 id={PANEL_TITLE_ID} ref={heading} tabIndex={-1}>
            {i18n.t('panel.region')}
          </h2>
          <button
            type="button"
            class="bcm-button bcm-link"
            aria-expanded={!collapsed}
            aria-controls="bcm-body"
            onClick={() => model.setCollapsed(!collapsed)}
          >
            {collapsed ? i18n.t('panel.show') : i18n.t('panel.hide')}
          </button>
        </header>
        <div id="bcm-body" class="bcm-body" hidden={collapsed}>
          <FeedNotice model={model} />
          <Body model={model} dialog={dialogHooks} />
        </div>
      </section>
      {dialogOpen && !collapsed ? (
        importOpen ? (
          <ImportDialog model={model} />
        ) : (
          <PurgeDialog model={model} />
        )
      ) : null}
    </div>
  );
}
