/** Schemas shared by several messages. Background only (zod stays out of the content script). */
import { z } from 'zod';
import { FILE_KINDS } from '../vocabulary';

// A store, a promotion and a job are named the same way in job requests: defined there, once.
export { IdSchema as JobIdSchema, PromotionIdSchema, StoreHashSchema } from '../jobs/schemas';
export const FileKindSchema = z
  .enum(FILE_KINDS as unknown as [string, ...string[]])
  .transform((k) => k as (typeof FILE_KINDS)[number]);
/** No data at all (a message that only asks). */
export const NothingSchema = z.undefined();
