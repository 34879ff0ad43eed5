/** Schemas shared by several messages. Background only (zod stays out of the content script). */
import { z } from 'zod';
import { FILE_KINDS, STORE_HASH_RE } from '../vocabulary';

export const StoreHashSchema = z.string().regex(STORE_HASH_RE);
export const PromotionIdSchema = z.number().int().positive();
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const FileKindSchema = z
  .enum(FILE_KINDS as unknown as [string, ...string[]])
  .transform((k) => k as (typeof FILE_KINDS)[number]);
/** No data at all (a message that only asks). */
export const NothingSchema = z.undefined();
