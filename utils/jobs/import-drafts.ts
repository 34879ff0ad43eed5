/**
 * An import's file, read before anything is sent: its codes go to the spool under the id the
 * job will have, its rejected lines beside them, and the preview tells the merchant what will
 * happen and how long it will take. Starting the job takes the draft. What the draft is
 * (store, promotion, counts) is written to the spool too: Chrome stops an idle worker after
 * 30 s, and a merchant may read the preview for longer. A draft never started is cleared with
 * the other spools no job owns once it is DRAFT_KEEP_MS old.
 */
import { ApiError, plainWords } from '../api/errors';
import { createEstimate, type Estimate, type Pace } from '../codes/estimate';
import {
  parseImportCsv,
  REJECT_LABEL,
  type ImportRejection,
  type RejectKind,
} from '../csv/read-import';
import type { Spool } from '../storage/spool';
import { CREATE_CHUNK, createSpools } from './create-codes';
import { said, type Said } from '../vocabulary';

export interface ImportPreview {
  draftId: string;
  /** Codes that will be sent. */
  codes: number;
  /** Lines that will not, in all and by reason (with one example each). */
  rejected: number;
  reasons: Array<{
    kind: RejectKind;
    label: Said;
    count: number;
    example: { line: number; code: string; reason: Said };
  }>;
  estimate: Estimate;
}

interface Draft {
  storeHash: string;
  promotionId: number;
  codes: number;
  rejected: number;
  at: number;
}

/** How long a file read for an import is held for the merchant to press Import. */
export const DRAFT_KEEP_MS = 60 * 60_000;

const draftSpool = (draftId: string) => `${draftId}:draft`;

/** Rejected lines per spool chunk. */
const REJECT_CHUNK = 5_000;

export type ImportDrafts = ReturnType<typeof createImportDrafts>;

export function createImportDrafts(
  spool: Spool,
  newId: () => string,
  now: () => number = Date.now,
) {
  const drafts = new Map<string, Draft>();

  /** The draft as written down, if it is not too old. */
  async function readBack(draftId: string): Promise<Draft | null> {
    const [draft] = ((await spool.getChunk(draftSpool(draftId), 1).catch(() => null)) ??
      []) as Draft[];
    return draft && now() - draft.at <= DRAFT_KEEP_MS ? draft : null;
  }

  return {
    async prepare(
      storeHash: string,
      promotionId: number,
      csvText: string,
      pace: Pace,
    ): Promise<ImportPreview> {
      const parsed = parseImportCsv(csvText);
      if (parsed.error) throw new ApiError('invalid', parsed.error);
      if (parsed.rows.length === 0) throw new ApiError('invalid', noCodesWords(parsed.rejected));
      const draftId = newId();
      const ns = createSpools(draftId);
      // Written down first, so that a start-up clean-up meanwhile spares what follows.
      const draft: Draft = {
        storeHash,
        promotionId,
        codes: parsed.rows.length,
        rejected: parsed.rejected.length,
        at: now(),
      };
      await spool.putChunk(draftSpool(draftId), 1, [draft]);
      for (let i = 0, n = 1; i < parsed.rows.length; i += CREATE_CHUNK, n++)
        await spool.putChunk(ns.input, n, parsed.rows.slice(i, i + CREATE_CHUNK));
      for (let i = 0, n = 1; i < parsed.rejected.length; i += REJECT_CHUNK, n++)
        await spool.putChunk(
          ns.rejected,
          n,
          parsed.rejected
            .slice(i, i + REJECT_CHUNK)
            // The file's reason column, in the browser's language (its headers stay English).
            .map(({ line, code, reason }) => ({ line, code, reason: plainWords(reason) })),
        );
      drafts.set(draftId, draft);
      return {
        draftId,
        codes: parsed.rows.length,
        rejected: parsed.rejected.length,
        reasons: byReason(parsed.rejected),
        estimate: createEstimate(parsed.rows.length, pace),
      };
    },

    /**
     * Readies a draft for `take` (which must not wait): brought back if an earlier worker read
     * it, and let go unless every one of its codes is still in the spool.
     */
    async recall(draftId: string): Promise<void> {
      const draft = drafts.get(draftId) ?? (await readBack(draftId));
      if (draft && (await spool.rowCount(createSpools(draftId).input)) === draft.codes)
        drafts.set(draftId, draft);
      else drafts.delete(draftId);
    },

    /** Whether a spool belongs to a draft still held (start-up clears the others). */
    async held(draftId: string): Promise<boolean> {
      return drafts.has(draftId) || (await readBack(draftId)) !== null;
    },

    /** The draft an import job starts from; only for the promotion it was read for. */
    take(draftId: string, storeHash: string, promotionId: number): Draft {
      const draft = drafts.get(draftId);
      if (
        !draft ||
        draft.storeHash !== storeHash ||
        draft.promotionId !== promotionId ||
        now() - draft.at > DRAFT_KEEP_MS
      )
        throw new ApiError('invalid', said('errors.draftGone'));
      drafts.delete(draftId);
      void spool.clear(draftSpool(draftId)).catch(() => undefined);
      return draft;
    },
  };
}

/** Why a file gave no code at all, with the commonest reasons and an example line of each. */
export function noCodesWords(rejected: ImportRejection[]): Said {
  const reasons = byReason(rejected)
    .slice(0, 3)
    .map((r) =>
      said(
        'importReject.noCodesWhy',
        [r.label, r.count, String(r.example.line), r.example.reason],
        r.count,
      ),
    );
  const why = reasons.length ? reasons : [said('importReject.noLines')];
  return { ...said('importReject.noCodes'), then: [...why, said('importReject.fixFile')] };
}

function byReason(rejected: ImportRejection[]): ImportPreview['reasons'] {
  const out = new Map<RejectKind, ImportPreview['reasons'][number]>();
  for (const r of rejected) {
    const entry = out.get(r.kind);
    if (entry) entry.count++;
    else
      out.set(r.kind, {
        kind: r.kind,
        label: REJECT_LABEL[r.kind],
        count: 1,
        example: { line: r.line, code: r.code, reason: r.reason },
      });
  }
  return [...out.values()].sort((a, b) => b.count - a.count);
}
