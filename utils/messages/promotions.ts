/** Messages about a store's promotions, asked of BigCommerce through the store's shared client. */
import { z } from 'zod';
import { isBulkCoupon } from '../vocabulary';
import { defineMessage } from './define';
import type { PromotionInfo } from './index';
import { PromotionIdSchema, StoreHashSchema } from './schemas';

export const promotionMessages = {
  getPromotion: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema, promotionId: PromotionIdSchema }),
    from: 'panel',
    async handle({ storeHash, promotionId }, { services }): Promise<PromotionInfo> {
      const client = await services.clients.clientFor(storeHash);
      const p = await client.getPromotion(promotionId);
      return {
        id: p.id,
        name: p.name,
        redemptionType: p.redemption_type,
        couponType: p.coupon_type ?? null,
        codeCount: isBulkCoupon(p) ? await client.codeCount(promotionId) : null,
      };
    },
  }),
  listBulkPromotions: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema }),
    from: 'panel',
    async handle({ storeHash }, { services }): Promise<PromotionInfo[]> {
      const client = await services.clients.clientFor(storeHash);
      const list = await client.listBulkPromotions();
      return list.map((p) => ({ id: p.id, name: p.name, redemptionType: p.redemption_type, couponType: p.coupon_type ?? null, codeCount: null }));
    },
  }),
};
