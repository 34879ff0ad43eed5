/**
 * The manager page's model: the connected stores, one page of the chosen store's bulk coupon
 * promotions (filter, page, Refresh), and the promotion being worked on, shown in the same
 * "Bulk coupon codes" panel as in the control panel (its own PanelModel, navigated there).
 * Every request goes through the injected UiBridge; the background keeps the list (briefly).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PromotionPage, PromotionRow, StoreView } from '@/utils/messages';
import type { UiBridge } from '@/utils/ui/bridge';
import { createPanelModel, type PanelModel } from '../state/panel-model';
import { empty, type Loadable } from '../state/panel-state';

export interface ManagerState {
  stores: Loadable<StoreView[]>;
  storeHash: string | null;
  /** As typed; the request follows a moment later (filterDelayMs). */
  filter: string;
  page: number;
  list: Loadable<PromotionPage | null>;
  /** The promotion being worked on, as the list named it; null while the list is shown. */
  chosen: Pick<PromotionRow, 'id' | 'name'> | null;
}

/** The store's name as the list of stores has it (null: none known, or the list not read yet). */
export function storeNameOf(s: ManagerState, storeHash: string): string | null {
  return s.stores.value.find((x) => x.storeHash === storeHash)?.name ?? null;
}

export interface ManagerModel {
  state: StoreApi<ManagerState>;
  /** The panel's model: its jobs feed also gives the list its "last job" column. */
  panel: PanelModel;
  /** The stores again (on opening, and on coming back to the page from the settings). */
  loadStores(): Promise<void>;
  chooseStore(storeHash: string): void;
  setFilter(text: string): void;
  goToPage(page: number): void;
  /** "Refresh": the background reads the list and the counts from the store again. */
  refresh(): Promise<void>;
  choose(promotion: Pick<PromotionRow, 'id' | 'name'>): void;
  /** Back to the list; the promotion just worked on is counted again. */
  back(): void;
  openSettings(): Promise<void>;
  dispose(): void;
}

export function createManagerModel(
  bridge: UiBridge,
  options: {
    initialStore?: string | null;
    initialPromotion?: number | null;
    filterDelayMs?: number;
  } = {},
): ManagerModel {
  const state = createStore<ManagerState>()(() => ({
    stores: empty<StoreView[]>([]),
    storeHash: null,
    filter: '',
    page: 1,
    list: empty<PromotionPage | null>(null),
    chosen: null,
  }));
  const panel = createPanelModel(bridge);
  const delay = options.filterDelayMs ?? 250;
  let filterTimer: ReturnType<typeof setTimeout> | undefined;
  // A reply that arrives after the merchant asked for something else is dropped.
  let listSeq = 0;
  // The promotion the page's address names (a reload, a bookmark): opened once its store is shown.
  let pendingPromotion = options.initialStore ? (options.initialPromotion ?? null) : null;

  async function loadList(extra: { refresh?: boolean; recount?: number[] } = {}): Promise<void> {
    const { storeHash, filter, page } = state.getState();
    if (!storeHash) return;
    const seq = ++listSeq;
    state.setState((s) => ({ list: { ...s.list, status: 'loading', error: null } }));
    const reply = await bridge.send('listPromotionPage', { storeHash, filter, page, ...extra });
    if (seq !== listSeq) return;
    state.setState({
      list: reply.ok
        ? { status: 'ready', value: reply.value, error: null }
        : { status: 'error', value: null, error: reply.error },
      // The background brings a page past the end back within the list.
      ...(reply.ok ? { page: reply.value.page } : {}),
    });
  }

  async function loadStores(): Promise<void> {
    state.setState((s) => ({ stores: { ...s.stores, status: 'loading', error: null } }));
    const reply = await bridge.send('listStores');
    if (!reply.ok) {
      state.setState({ stores: { status: 'error', value: [], error: reply.error } });
      return;
    }
    const stores = reply.value;
    state.setState({ stores: { status: 'ready', value: stores, error: null } });
    const current = state.getState().storeHash;
    const wanted = [current, options.initialStore].find(
      (h) => h && stores.some((s) => s.storeHash === h),
    );
    const next = wanted ?? stores[0]?.storeHash ?? null;
    if (next !== current) selectStore(next);
    // Back from the settings with the token saved again: a list that failed is asked for again.
    else if (['idle', 'error'].includes(state.getState().list.status)) void loadList();
  }

  function selectStore(storeHash: string | null): void {
    clearTimeout(filterTimer);
    state.setState({
      storeHash,
      filter: '',
      page: 1,
      chosen: null,
      list: empty<PromotionPage | null>(null),
    });
    void loadList();
    const id = pendingPromotion;
    pendingPromotion = null;
    // Its name as the list has it is not known yet: the panel's own reading names it.
    if (id !== null && storeHash === options.initialStore) choose({ id, name: '' });
  }

  function choose(promotion: Pick<PromotionRow, 'id' | 'name'>): void {
    const storeHash = state.getState().storeHash;
    if (!storeHash) return;
    state.setState({ chosen: { id: promotion.id, name: promotion.name } });
    const before = panel.panel.getState().location;
    if (before?.storeHash === storeHash && before.promotionId === promotion.id)
      void panel.refreshPromotion();
    else panel.navigate({ storeHash, promotionId: promotion.id, page: 'promotion' });
  }

  // The panel could not load the chosen promotion (deleted since the list was read, a token
  // revoked meanwhile): its alert says why, and the list behind it is read again at once.
  let lastPromotionStatus = panel.panel.getState().promotion.status;
  const unsubscribePanel = panel.panel.subscribe((s) => {
    const status = s.promotion.status;
    if (status === 'error' && lastPromotionStatus !== 'error' && state.getState().chosen)
      void loadList({ refresh: true });
    lastPromotionStatus = status;
  });

  return {
    state,
    panel,
    loadStores,
    chooseStore(storeHash) {
      if (storeHash !== state.getState().storeHash) selectStore(storeHash);
    },
    setFilter(text) {
      state.setState({ filter: text, page: 1 });
      clearTimeout(filterTimer);
      filterTimer = setTimeout(() => void loadList(), delay);
    },
    goToPage(page) {
      state.setState({ page });
      void loadList();
    },
    refresh: () => loadList({ refresh: true }),
    choose,
    back() {
      const chosen = state.getState().chosen;
      state.setState({ chosen: null });
      void loadList(chosen ? { recount: [chosen.id] } : {});
    },
    async openSettings() {
      const storeHash = state.getState().storeHash ?? undefined;
      await bridge.send('openOptions', storeHash ? { storeHash } : {});
    },
    dispose() {
      clearTimeout(filterTimer);
      unsubscribePanel();
      panel.dispose();
    },
  };
}
