/** A purge's list of codes, as the merchant's CSV arrives: read and checked here, in the background. */
import { ApiError } from '../api/errors';
import { parseCodesCsv, type SkippedLine } from '../csv/read';
import type { Spool } from '../storage/spool';
import { said } from '../vocabulary';

/** Codes per spool chunk of the list. */
const CHUNK = 5000;
/** Skipped lines named to the merchant (with why); the rest are counted. */
const SKIPPED_NAMED = 10;

export interface PurgeList {
  codes: string[];
  skippedLines: number;
  /** The first few of them, with why. */
  skipped: SkippedLine[];
  /** Writes the codes to the job's list spool. */
  write(spool: Spool, ns: string): Promise<void>;
}

export function intakePurgeList(csvText: string): PurgeList {
  const parsed = parseCodesCsv(csvText);
  if (parsed.error) throw new ApiError('invalid', parsed.error);
  if (!parsed.codes.length) throw new ApiError('invalid', said('errors.noCodesInFile'));
  const codes = parsed.codes;
  return {
    codes,
    skippedLines: parsed.skippedCount,
    skipped: parsed.skipped.slice(0, SKIPPED_NAMED),
    async write(spool, ns) {
      for (let i = 0, chunk = 1; i < codes.length; i += CHUNK, chunk++)
        await spool.putChunk(ns, chunk, codes.slice(i, i + CHUNK));
    },
  };
}
