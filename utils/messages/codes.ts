/** Messages about one code: find it anywhere in a store (support staff's "why doesn't my code work?"). */
import { z } from 'zod';
import { ApiError } from '../api/errors';
import { codeToFind } from '../codes/find';
import { isBulkCoupon } from '../vocabulary';
import { defineMessage } from './define';
import { StoreHashSchema } from './schemas';
import type { CodeLookup } from './views';

export const codeMessages = {
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
