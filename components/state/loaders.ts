/**
 * Asking the background about what the panel shows: the store, the promotion, and the list
 * page's bulk coupon promotions. Each answer lands in the panel store as a Loadable.
 */
import type { UiBridge } from '@/utils/ui/bridge';
import { storeHashOf, type PanelStore } from './panel-state';

export interface Loaders {
  /** Asks again about the store (after connecting it in the settings, say). */
  refreshStore(): Promise<void>;
  refreshPromotion(): Promise<void>;
  /** The list page's picker: asks again for the store's bulk coupon promotions. */
  refreshBulkPromotions(): Promise<void>;
  /** The merchant moved to another promotion: a reply still on its way is dropped. */
  dropPromotionReply(): void;
  /** The merchant left the list: a reply still on its way is dropped. */
  dropBulkPromotionsReply(): void;
}

export function createLoaders(bridge: UiBridge, panel: PanelStore): Loaders {
  // Replies that arrive after the merchant moved on are dropped: each request takes the next
  // number, and a reply counts only while its number is still the latest.
  let storeSeq = 0;
  let promotionSeq = 0;
  let listSeq = 0;

  async function refreshStore(): Promise<void> {
    const hash = storeHashOf(panel);
    if (!hash) return;
    const seq = ++storeSeq;
    // Asking again about a store already shown keeps it on screen (no flash of "Checking...").
    panel.setState((s) =>
      s.store.status === 'ready' ? s : { store: { ...s.store, status: 'loading', error: null } },
    );
    const wasReady = panel.getState().store.status === 'ready';
    const reply = await bridge.send('getStore', { storeHash: hash });
    if (seq !== storeSeq) return;
    if (!reply.ok && wasReady) return; // a quiet re-check that failed: keep what is shown
    panel.setState({
      store: reply.ok
        ? { status: 'ready', value: reply.value, error: null }
        : { status: 'error', value: null, error: reply.error },
    });
    // A connected store: now the promotion, or the list page's picker, can be asked for.
    const s = panel.getState();
    if (reply.ok && reply.value) {
      if (s.promotionId !== null && s.promotion.status !== 'ready') void refreshPromotion();
      if (s.location && s.location.promotionId === null && s.bulkPromotions.status !== 'ready')
        void refreshBulkPromotions();
    }
  }

  async function refreshPromotion(): Promise<void> {
    const hash = storeHashOf(panel);
    const promotionId = panel.getState().promotionId;
    if (!hash || promotionId === null) return;
    const seq = ++promotionSeq;
    panel.setState((s) => ({
      promotion: {
        status: 'loading',
        value: s.promotion.value?.id === promotionId ? s.promotion.value : null,
        error: null,
      },
    }));
    const reply = await bridge.send('getPromotion', { storeHash: hash, promotionId });
    if (seq !== promotionSeq) return;
    panel.setState({
      promotion: reply.ok
        ? { status: 'ready', value: reply.value, error: null }
        : { status: 'error', value: null, error: reply.error },
    });
  }

  async function refreshBulkPromotions(): Promise<void> {
    const hash = storeHashOf(panel);
    if (!hash) return;
    const seq = ++listSeq;
    panel.setState((s) => ({
      bulkPromotions: { ...s.bulkPromotions, status: 'loading', error: null },
    }));
    const reply = await bridge.send('listBulkPromotions', { storeHash: hash });
    if (seq !== listSeq) return;
    panel.setState({
      bulkPromotions: reply.ok
        ? { status: 'ready', value: reply.value, error: null }
        : { status: 'error', value: [], error: reply.error },
    });
  }

  return {
    refreshStore,
    refreshPromotion,
    refreshBulkPromotions,
    dropPromotionReply: () => {
      promotionSeq++;
    },
    dropBulkPromotionsReply: () => {
      listSeq++;
    },
  };
}
