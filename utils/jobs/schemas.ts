// Runtime schemas of the job model, for the background's message validation, which the kinds'
// requests are made of (kinds/). Kept apart from types.ts so UI code importing the types does
// not bundle zod into the content script. Every limit comes from the vocabulary, where the
// panel's own checks read it too.
import { z } from 'zod';
import { CHARACTER_SET_IDS } from '../codes/pattern';
import {
  AFFIX_RE,
  CODE_MAX_LENGTH,
  DELIMITERS,
  GENERATE_LIMITS,
  MAX_JOB_CODES,
  STORE_HASH_RE,
  USES_MAX,
} from '../vocabulary';

/** A store, a promotion, and an id the extension made (a job's, an import draft's). */
export const StoreHashSchema = z.string().regex(STORE_HASH_RE);
export const PromotionIdSchema = z.number().int().positive();
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const CountSchema = z.number().int().min(1).max(MAX_JOB_CODES);
export const UsesSchema = z.number().int().min(0).max(USES_MAX);
const AffixSchema = z.string().regex(AFFIX_RE).max(GENERATE_LIMITS.affixMax);

/** Settings a merchant chooses for generated codes; ranges are the API's own (codegen). */
export const GenerateParamsSchema = z.object({
  count: CountSchema,
  maxUses: UsesSchema,
  maxUsesPerCustomer: UsesSchema,
  prefix: AffixSchema,
  suffix: AffixSchema,
  delimiter: z.enum(DELIMITERS),
  codeLength: z
    .number()
    .int()
    .min(GENERATE_LIMITS.codeLength.min)
    .max(GENERATE_LIMITS.codeLength.max),
  excludeCharacters: z.array(z.string().regex(/^[A-Z0-9]$/)).max(GENERATE_LIMITS.excludeMax),
});

export const PurgeModeSchema = z.enum(['all', 'unused', 'list']);

/** Codes in the merchant's own pattern (the pattern itself is checked by checkPattern, with its words). */
export const PatternParamsSchema = z.object({
  count: CountSchema,
  maxUses: UsesSchema,
  maxUsesPerCustomer: UsesSchema,
  pattern: z.string().min(1).max(CODE_MAX_LENGTH),
  characterSet: z.enum(CHARACTER_SET_IDS),
  ownCharacters: z.string().max(200),
});

/** What every job request names: its store and its promotion (each kind adds its own: kinds/). */
export const Target = { storeHash: StoreHashSchema, promotionId: PromotionIdSchema };
