/** Messages about one code: find it anywhere in a store (support staff's "why doesn't my code work?"). */
import { z } from 'zod';
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import { codeToFind } from '../codes/find';
import { readTablePage, type TablePage } from '../codes/table-page';
import { isBulkCoupon, PAGE_SIZE } from '../vocabulary';
import { defineMessage } from './define';
import { PromotionIdSchema, StoreHashSchema } from './schemas';
import type { CodeLookup } from './views';

export const codeMessages = {
  /** The manager's "Codes" table: one page of 50, read from the API a page at a time. */
  readCodesPage: defineMessage({
    schema: z.object({
      storeHash: StoreHashSchema,
      promotionId: PromotionIdSchema,
      show: z.enum(['all', 'unused', 'used']),
      start: z.object({
        after: z.string().max(1000).nullable(),
        skip: z.number().int().min(0).max(PAGE_SIZE),
      }),
    }),
    from: 'extension',
    async handle(
      { storeHash, promotionId, show, start },
      { services },
    ): Promise<TablePage<CouponCode>> {
      const client = await services.clients.clientFor(storeHash);
      return readTablePage(
        (after) => client.listCodes(promotionId, { limit: PAGE_SIZE, after: after ?? undefined }),
        start,
        show,
      );
    },
  }),
  findCode: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema, code: z.string().max(1000) }),
    from: 'panel',
    async handle({ storeHash, code: typed }, { services }): Promise<CodeLookup> {
      const checked = codeToFind(typed);
      if ('error' in checked) throw new ApiError('invalid', checked.error);
      const client = await services.clients.clientFor(storeHash);
      const code = await client.findCode(checked.code);
      if (!code) return { found: false, code: checked.code };
      const p = await client.promotionOfCode(code.code);
      return {
        found: true,
        code,
        promotion: p && { id: p.id, name: p.name, status: p.status ?? null, bulk: isBulkCoupon(p) },
      };
    },
  }),
};
