/**
 * Mounts the "Bulk coupon codes" panel on the control panel's promotion pages, in a shadow root,
 * and follows the single-page app's navigation. Thin on purpose: the rules live in
 * utils/ui/mount-controller.ts, the views in components/. Nothing heavy (no zod) is imported.
 *
 * It runs on every page of the control panel, because the app moves between its pages without
 * loading them and a browser injects content scripts only on a load: a merchant who signs in
 * on the dashboard and opens Marketing > Promotions from the menu loads no promotions page.
 * Until the app shows a promotions page, the script only listens for navigation.
 */
import '@/components/ui.css';
import { render } from 'preact';
import { createShadowRootUi, defineContentScript, type ContentScriptContext } from '#imports';
import { Panel } from '@/components/Panel';
import {
  createPanelModel,
  type PanelLocation,
  type PanelModel,
} from '@/components/state/panel-model';
import { isPromotionsPage, parseControlPanelUrl } from '@/utils/control-panel-url';
import { createBrowserBridge } from '@/utils/ui/bridge';
import { createMountController } from '@/utils/ui/mount-controller';

const HOST_NAME = 'bcm-bulk-coupons';
/** Longest wait for the page's load event before the panel is built anyway. */
const LOAD_WAIT_MAX_MS = 3_000;
/** Where the panel sits when the page has a main area: at its top. */
const ANCHORS = ['main', '[role="main"]', '#content', '#app'];

function findAnchor(): Element | null {
  for (const selector of ANCHORS) {
    const el = document.querySelector(selector);
    if (el && !el.closest(HOST_NAME)) return el;
  }
  return null;
}

/** This page's URL if it is a promotions page, else the first promotions URL the app moves to (null: script stopped). */
function promotionsUrl(ctx: ContentScriptContext): Promise<string | null> {
  if (isPromotionsPage(location.href)) return Promise.resolve(location.href);
  return new Promise((resolve) => {
    // The event carries the new URL; `location` may still be the old one when it fires.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      if (isPromotionsPage(newUrl.href)) resolve(newUrl.href);
    });
    ctx.onInvalidated(() => resolve(null));
  });
}

export default defineContentScript({
  // A `*` may only be a whole first host label in a match pattern; include_globs narrows to
  // store-{hash} hosts. Every control panel page (see above), /manage itself included.
  matches: ['https://*.mybigcommerce.com/manage', 'https://*.mybigcommerce.com/manage/*'],
  includeGlobs: ['https://store-*.mybigcommerce.com/*'],
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',

  async main(ctx) {
    // Chrome may run idle scripts before the page's load event: building the panel (styles,
    // render, the first message to the background) waits for it, so it never holds up the
    // control panel's own load. Not forever: a page whose load never ends (a hung frame or
    // image) still gets its panel.
    if (document.readyState !== 'complete') {
      await new Promise<void>((resolve) => {
        // A task after the event, not a microtask inside it: the load event's end must not wait for us.
        ctx.addEventListener(window, 'load', () => ctx.setTimeout(resolve, 0), { once: true });
        ctx.setTimeout(resolve, LOAD_WAIT_MAX_MS);
      });
      if (!ctx.isValid) return;
    }
    const firstUrl = await promotionsUrl(ctx);
    if (firstUrl === null || !ctx.isValid) return;
    const bridge = createBrowserBridge();
    let model: PanelModel | null = null;
    let floating = false;
    let collapsed = false;
    let pendingLocation: PanelLocation | null = null;

    const ui = await createShadowRootUi<HTMLElement>(ctx, {
      name: HOST_NAME,
      position: 'inline',
      // Typing in the panel must not trigger the control panel's own keyboard shortcuts.
      isolateEvents: true,
      anchor: () => findAnchor() ?? document.body,
      append: (anchor, host) => {
        floating = anchor === document.body;
        if (floating) anchor.append(host);
        else anchor.prepend(host);
      },
      onMount: (container) => {
        if (!model) model = createPanelModel(bridge, { collapsed });
        if (pendingLocation) model.navigate(pendingLocation);
        render(<Panel model={model} floating={floating} />, container);
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
        if (model) {
          collapsed = model.panel.getState().collapsed;
          model.dispose();
          model = null;
        }
      },
    });

    // Panels left by an older copy of this script (extension updated under the page).
    const removeStrays = () => {
      for (const el of Array.from(document.querySelectorAll(HOST_NAME)))
        if (el !== ui.shadowHost) el.remove();
    };

    const controller = createMountController(
      {
        parse: parseControlPanelUrl,
        isTopFrame: window.top === window,
        hasContentIframe: () => document.querySelector('iframe#content-iframe') !== null,
        target: {
          mount: (location) => {
            pendingLocation = location;
            removeStrays();
            ui.mount();
          },
          update: (location) => {
            pendingLocation = location;
            model?.navigate(location);
          },
          unmount: () => {
            pendingLocation = null;
            ui.remove();
          },
          isAttached: () => ui.shadowHost.isConnected,
        },
      },
      firstUrl,
    );

    // The event carries the new URL; `location` may still be the old one when it fires.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) =>
      controller.setUrl(newUrl.href),
    );

    // The legacy iframe comes and goes, and the app may re-render our anchor away: check again
    // after DOM changes, at most once per frame.
    let scheduled = false;
    const observer = new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      ctx.requestAnimationFrame(() => {
        scheduled = false;
        if (ctx.isValid) controller.recheck();
      });
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());

    // Back from the settings tab (store just connected?): ask the background again.
    const refresh = () => {
      if (document.visibilityState === 'visible') void model?.refreshStore();
    };
    ctx.addEventListener(document, 'visibilitychange', refresh);
    ctx.addEventListener(window, 'focus', refresh);
  },
});
