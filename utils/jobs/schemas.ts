// Runtime schemas of the job model, for the background's message validation. Kept apart
// from types.ts so UI code importing the types does not bundle zod into the content script.
import { z } from 'zod';
import { CODE_MAX_LENGTH, CODE_RE, MAX_JOB_CODES, STORE_HASH_RE, USES_MAX } from '../vocabulary';

const StoreHash = z.string().regex(STORE_HASH_RE);

/** Settings a merchant chooses for generated codes; ranges are the API's own (codegen). */
export const GenerateParamsSchema = z.object({
  count: z.number().int().min(1).max(1_000_000),
  maxUses: z.number().int().min(0).max(100_000),
  maxUsesPerCustomer: z.number().int().min(0).max(100_000),
  prefix: z
    .string()
    .regex(/^[A-Z0-9_-]*$/)
    .max(20),
  suffix: z
    .string()
    .regex(/^[A-Z0-9_-]*$/)
    .max(20),
  delimiter: z.enum(['', '-', '_']),
  codeLength: z.number().int().min(6).max(16),
  excludeCharacters: z.array(z.string().regex(/^[A-Z0-9]$/)).max(35),
});

export const PurgeModeSchema = z.enum(['all', 'unused', 'list']);

const UsesSchema = z.number().int().min(0).max(USES_MAX);

/** Codes in the merchant's own pattern (the pattern itself is checked by checkPattern, with its words). */
export const PatternParamsSchema = z.object({
  count: z.number().int().min(1).max(MAX_JOB_CODES),
  maxUses: UsesSchema,
  maxUsesPerCustomer: UsesSchema,
  pattern: z.string().min(1).max(CODE_MAX_LENGTH),
  characterSet: z.enum(['letters-digits', 'letters', 'digits', 'lower-digits', 'custom']),
  ownCharacters: z.string().max(200),
});

export const JobRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('generate'),
    storeHash: StoreHash,
    promotionId: z.number().int().positive(),
    params: GenerateParamsSchema,
  }),
  z.object({
    kind: z.literal('import'),
    storeHash: StoreHash,
    promotionId: z.number().int().positive(),
    /** The file, read and checked by prepareImport (its codes wait in the spool). */
    draftId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    maxUses: UsesSchema,
    maxUsesPerCustomer: UsesSchema,
  }),
  z.object({
    kind: z.literal('pattern'),
    storeHash: StoreHash,
    promotionId: z.number().int().positive(),
    params: PatternParamsSchema,
  }),
  z.object({
    kind: z.literal('export'),
    storeHash: StoreHash,
    promotionId: z.number().int().positive(),
    unusedOnly: z.boolean(),
    /** A usage report: the same reading, without a file. */
    reportOnly: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('delete-code'),
    storeHash: StoreHash,
    promotionId: z.number().int().positive(),
    /** The code as "Find a code" found it (the store compares regardless of case). */
    code: z.string().regex(CODE_RE),
  }),
  z.object({
    kind: z.literal('purge'),
    storeHash: StoreHash,
    promotionId: z.number().int().positive(),
    mode: PurgeModeSchema,
    /** The merchant's CSV of codes (mode 'list'), as text: parsed and checked by the background. */
    csvText: z
      .string()
      .max(64 * 1024 * 1024)
      .optional(),
  }),
]);
