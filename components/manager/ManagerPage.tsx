/**
 * The manager page (manager.html): the connected stores, the chosen store's bulk coupon
 * promotions, and the chosen promotion in the "Bulk coupon codes" panel, with the control
 * panel closed. Titles and names here are a contract (tests and screen readers rely on them).
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { UiBridge } from '@/utils/ui/bridge';
import { useStore } from '../state/use-store';
import { ChosenPromotion } from './ChosenPromotion';
import { createManagerModel, type ManagerModel, type ManagerState } from './manager-model';
import { PromotionList } from './PromotionList';
import { StoreList } from './StoreList';
import { i18n } from '#i18n';

/** Back from a promotion, focus returns to its button in the list (else the list's heading). */
function useFocusOnReturn(model: ManagerModel) {
  const chosen = useStore(model.state, (s) => s.chosen);
  const lastChosen = useRef<number | null>(null);
  const heading = useRef<HTMLHeadingElement | null>(null);
  const listShown = useStore(model.state, (s) => s.list.value !== null);
  useLayoutEffect(() => {
    if (chosen) {
      lastChosen.current = chosen.id;
      return;
    }
    if (lastChosen.current === null || !listShown) return;
    const button = document.querySelector<HTMLElement>(
      `[data-promotion-id="${lastChosen.current}"]`,
    );
    (button ?? heading.current)?.focus();
    lastChosen.current = null;
  }, [chosen, listShown]);
  return (el: HTMLHeadingElement | null) => {
    heading.current = el;
  };
}

export function ManagerView(props: {
  model: ManagerModel;
  initialJob?: string | null;
}): JSX.Element {
  const { model } = props;
  const storeHash = useStore(model.state, (s) => s.storeHash);
  const chosen = useStore(model.state, (s) => s.chosen);
  const headingRef = useFocusOnReturn(model);
  const openSettings = (event: Event) => {
    event.preventDefault();
    void model.openSettings();
  };
  return (
    <main class="bcm-page bcm-manager">
      <header class="bcm-header bcm-manager-top">
        <h1>{i18n.t('manager.title')}</h1>
        <a href="/options.html" class="bcm-link-text" onClick={openSettings}>
          {i18n.t('common.openSettings')}
        </a>
      </header>
      <div class="bcm-manager-layout">
        <StoreList model={model} />
        {storeHash === null ? null : chosen ? (
          <ChosenPromotion
            model={model}
            storeHash={storeHash}
            promotion={chosen}
            jobId={props.initialJob ?? null}
          />
        ) : (
          <PromotionList model={model} storeHash={storeHash} headingRef={headingRef} />
        )}
      </div>
    </main>
  );
}

/** The page as manager.html mounts it: its own model over the browser's bridge. */
export function ManagerPage(props: {
  bridge: UiBridge;
  initialStore?: string | null;
  initialPromotion?: number | null;
  /** A job to show (its card takes focus), in the promotion the address names. */
  initialJob?: string | null;
  /** Told where the merchant is (store, promotion), for the page's address. */
  onPlace?(storeHash: string | null, promotionId: number | null): void;
  filterDelayMs?: number;
}): JSX.Element {
  const model = useMemo(
    () =>
      createManagerModel(props.bridge, {
        initialStore: props.initialStore,
        initialPromotion: props.initialPromotion,
        filterDelayMs: props.filterDelayMs,
      }),
    [props.bridge],
  );
  const onPlace = props.onPlace;
  useEffect(() => {
    if (!onPlace) return undefined;
    const placeOf = (s: ManagerState) => `${s.storeHash}/${s.chosen?.id ?? ''}`;
    let last = placeOf(model.state.getState());
    return model.state.subscribe((s) => {
      if (placeOf(s) !== last) onPlace(s.storeHash, s.chosen?.id ?? null);
      last = placeOf(s);
    });
  }, [model, onPlace]);
  useEffect(() => {
    void model.loadStores();
    // Stores are connected (or their token saved again) in the settings' own tab: coming
    // back here shows them without a reload.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void model.loadStores();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      model.dispose();
    };
  }, [model]);
  return <ManagerView model={model} initialJob={props.initialJob ?? null} />;
}
