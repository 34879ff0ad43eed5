/**
 * Decides, for one frame of the control panel, whether the panel shows and for which promotion,
 * as the single-page app navigates. Pure apart from the functions it is given, so the content
 * script stays thin and the rules are tested without a browser.
 *
 * Rules: the panel shows on the promotions list and on a promotion's page; elsewhere it goes.
 * The top frame stands aside while it holds `iframe#content-iframe` (a legacy page: the frame
 * inside shows the promotion and runs its own copy). One panel at most: mounting twice only
 * updates it, and a panel the page's own code removed from the DOM is put back.
 */
import type { ControlPanelLocation as PanelLocation } from '../control-panel-url';

export interface MountTarget {
  /** Puts the panel in the page (again, if the page removed it) for this location. */
  mount(location: PanelLocation): void;
  /** The panel is in the page; the location changed. */
  update(location: PanelLocation): void;
  unmount(): void;
  /** Whether the panel's element is still in the document. */
  isAttached(): boolean;
}

export interface MountControllerDeps {
  parse(url: string): PanelLocation | null;
  isTopFrame: boolean;
  /** Whether this document holds the legacy content iframe right now. */
  hasContentIframe(): boolean;
  target: MountTarget;
}

export interface MountController {
  /** The URL changed (use the event's `newUrl`: `location` may not have changed yet). */
  setUrl(url: string): void;
  /** The DOM changed: the content iframe came or went, or the page removed the panel. */
  recheck(): void;
  readonly mounted: boolean;
  readonly location: PanelLocation | null;
}

/** Where the panel belongs for this URL in this frame, or null when it does not. */
export function panelLocationFor(
  url: string,
  frame: { isTopFrame: boolean; hasContentIframe: boolean },
  parse: (url: string) => PanelLocation | null,
): PanelLocation | null {
  const location = parse(url);
  if (!location || location.page === 'other') return null;
  if (frame.isTopFrame && frame.hasContentIframe) return null;
  return location;
}

export function createMountController(
  deps: MountControllerDeps,
  initialUrl: string,
): MountController {
  let url = initialUrl;
  let mounted = false;
  let current: PanelLocation | null = null;

  function evaluate() {
    const wanted = panelLocationFor(
      url,
      { isTopFrame: deps.isTopFrame, hasContentIframe: deps.hasContentIframe() },
      deps.parse,
    );
    if (!wanted) {
      if (mounted) {
        mounted = false;
        current = null;
        deps.target.unmount();
      }
      return;
    }
    const changed =
      !current ||
      current.storeHash !== wanted.storeHash ||
      current.promotionId !== wanted.promotionId ||
      current.page !== wanted.page;
    current = wanted;
    if (!mounted || !deps.target.isAttached()) {
      mounted = true;
      deps.target.mount(wanted);
    } else if (changed) {
      deps.target.update(wanted);
    }
  }

  evaluate();
  return {
    setUrl(next) {
      url = next;
      evaluate();
    },
    recheck: evaluate,
    get mounted() {
      return mounted;
    },
    get location() {
      return current;
    },
  };
}
