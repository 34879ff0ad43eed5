import { z } from 'zod';
import { CODE_MAX_LENGTH } from '../vocabulary';

// Response shapes from the official Promotions v3 spec. Only the fields the extension
// relies on are required; unknown fields pass through so API additions don't break us.

export const CouponCodeSchema = z.object({
  id: z.number().int().positive(),
  code: z.string().min(1).max(CODE_MAX_LENGTH),
  current_uses: z.number().int().min(0),
  max_uses: z.number().int().min(0).default(0),
  max_uses_per_customer: z.number().int().min(0).default(0),
  created: z.string(),
});
export type CouponCode = z.infer<typeof CouponCodeSchema>;

const PaginationSchema = z.object({
  total: z.number().int().min(0),
  count: z.number().int().min(0).optional(),
  per_page: z.number().int().min(0).optional(),
  current_page: z.number().int().min(0).optional(),
  total_pages: z.number().int().min(0),
});

const CursorPaginationSchema = z.object({
  count: z.number().int().min(0),
  per_page: z.number().int().min(0),
  start_cursor: z.string().optional(),
  end_cursor: z.string().optional(),
  links: z
    .object({ previous: z.string().optional(), next: z.string().optional() })
    .partial()
    .optional(),
});

/** A page of codes. Its rows are checked by readCouponCodes (code-rows.ts), not here: see why there. */
export const CodeListSchema = z.object({
  data: z.custom<unknown[]>((v) => Array.isArray(v), 'expected an array'),
  meta: z
    .object({
      pagination: PaginationSchema.optional(),
      cursor_pagination: CursorPaginationSchema.optional(),
    })
    .optional(),
});

export const CodegenResponseSchema = z.object({
  data: z.object({
    created: z.string().optional(),
    max_uses: z.number().int().optional(),
    max_uses_per_customer: z.number().int().optional(),
    batch_size: z.number().int().optional(),
    codes: z.array(z.object({ code: z.string().min(1).max(CODE_MAX_LENGTH) })),
  }),
});

export const PromotionSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  redemption_type: z.enum(['AUTOMATIC', 'COUPON']),
  coupon_type: z.enum(['SINGLE', 'BULK']).nullish(),
  status: z.string().optional(),
});
export type Promotion = z.infer<typeof PromotionSchema>;

export const PromotionResponseSchema = z.object({ data: PromotionSchema });
export const PromotionListSchema = z.object({
  data: z.array(PromotionSchema),
  meta: z.object({ pagination: PaginationSchema.partial().optional() }).partial().optional(),
});

/** Partial-success report of a bulk delete (spec: BulkActionResponseMeta). */
export const BulkDeleteMetaSchema = z.object({
  meta: z.object({
    total: z.number().int().min(0),
    success: z.number().int().min(0),
    failed: z.number().int().min(0).optional(),
  }),
});

/** GET /v2/store: v2 answers are the object itself; only the name is read. */
export const StoreInfoSchema = z.object({ name: z.string() });
