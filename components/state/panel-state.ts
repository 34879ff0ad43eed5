/**
 * The panel's own state: where it is (store, promotion), what the background said about them,
 * and what the merchant is doing (a request on its way, its error, the purge and import dialogs).
 * The parts of the panel model (loaders, job actions, purge dialog) all read and write this one store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PromotionInfo, StoreView } from '@/utils/messages';
import type { ControlPanelLocation } from '@/utils/control-panel-url';

/** What the content script read from the page's URL (see utils/control-panel-url.ts). */
export type PanelLocation = ControlPanelLocation;

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Something read from the background: where the reading stands, the value, why it failed. */
export interface Loadable<T> {
  status: LoadStatus;
  value: T;
  error: string | null;
}

interface PanelState {
  location: PanelLocation | null;
  store: Loadable<StoreView | null>;
  /** The promotion being worked on: from the URL, or picked on the list page. */
  promotionId: number | null;
  promotion: Loadable<PromotionInfo | null>;
  bulkPromotions: Loadable<PromotionInfo[]>;
  /** A request the merchant made is on its way (buttons wait for it). */
  busy: boolean;
  /** The last request that failed, in words (shown as an alert). */
  actionError: string | null;
  collapsed: boolean;
  /** Finished jobs the merchant put away in this panel (the job itself stays in history). */
  dismissed: readonly string[];
  purgeDialog: { open: boolean; jobId: string | null };
  /** "Import codes": the file, its preview and the limits live in the dialog while it is open. */
  importDialog: { open: boolean };
  /** A long job started and notifications are not on: the panel offers them (once ever). */
  alertOffer: boolean;
}

export type PanelStore = StoreApi<PanelState>;

/** Not asked yet. */
export const empty = <T>(value: T): Loadable<T> => ({ status: 'idle', value, error: null });

export function createPanelStore(options: { collapsed?: boolean } = {}): PanelStore {
  return createStore<PanelState>()(() => ({
    location: null,
    store: empty<StoreView | null>(null),
    promotionId: null,
    promotion: empty<PromotionInfo | null>(null),
    bulkPromotions: empty<PromotionInfo[]>([]),
    busy: false,
    actionError: null,
    collapsed: options.collapsed ?? false,
    dismissed: [],
    purgeDialog: { open: false, jobId: null },
    importDialog: { open: false },
    alertOffer: false,
  }));
}

export function storeHashOf(panel: PanelStore): string | null {
  return panel.getState().location?.storeHash ?? null;
}

/** Whether one of the panel's dialogs is open (the panel behind is inert meanwhile). */
export const isDialogOpen = (s: PanelState): boolean => s.purgeDialog.open || s.importDialog.open;

/** The store and promotion a job started now would be for; null until both are known. */
export function targetOf(panel: PanelStore): { storeHash: string; promotionId: number } | null {
  const hash = storeHashOf(panel);
  const promotionId = panel.getState().promotionId;
  return hash && promotionId !== null ? { storeHash: hash, promotionId } : null;
}
