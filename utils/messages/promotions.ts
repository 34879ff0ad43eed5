/** Messages about a store's promotions, asked of BigCommerce through the store's shared client. */
import { z } from 'zod';
import { FILTER_MAX_LENGTH, PROMOTION_PAGE_SIZE } from '../api/promotion-lists';
import { isBulkCoupon } from '../vocabulary';
import { defineMessage } from './define';
import { readPromotionPage } from './promotion-page';
import { PromotionIdSchema, StoreHashSchema } from './schemas';
import type { PromotionInfo } from './views';

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
        status: p.status ?? null,
      };
    },
  }),
  listBulkPromotions: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema }),
    from: 'panel',
    async handle({ storeHash }, { services }): Promise<PromotionInfo[]> {
      const client = await services.clients.clientFor(storeHash);
      const list = await client.listBulkPromotions();
      return list.map((p) => ({
        id: p.id,
        name: p.name,
        redemptionType: p.redemption_type,
        couponType: p.coupon_type ?? null,
        codeCount: null,
        status: p.status ?? null,
      }));
    },
  }),
  /** The manager page: one page of a store's bulk promotions by name, from a list kept two minutes. */
  listPromotionPage: defineMessage({
    schema: z.object({
      storeHash: StoreHashSchema,
      filter: z.string().max(FILTER_MAX_LENGTH).default(''),
      page: z.number().int().min(1).max(1_000_000).default(1),
      refresh: z.boolean().default(false),
      recount: z.array(PromotionIdSchema).max(PROMOTION_PAGE_SIZE).default([]),
    }),
    from: 'extension',
    handle: (request, { services }) => readPromotionPage(services, request),
  }),
};
