/**
 * Download file names. Only [a-z0-9-] appear so the name is valid on every OS and the
 * downloads API never rejects or rewrites it; the time is UTC so names sort and do not
 * depend on the machine's zone.
 */
import type { FileKind } from '../vocabulary';

export type CsvFileKind = FileKind;

/** The kind as the merchant reads it in the file's name. */
const SLUG: Record<CsvFileKind, string> = {
  generated: 'generated',
  export: 'export',
  'purge-backup': 'purge-backup',
  unattributed: 'not-made-by-this-job',
  imported: 'imported',
  rejected: 'rejected-lines',
};

export interface CsvFilenameInput {
  storeHash: string;
  promotionId: number;
  kind: CsvFileKind;
  at: Date;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** YYYYMMDD-HHmmss in UTC; zeros for an invalid date rather than "NaN". */
function stamp(at: Date): string {
  const t = at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(t)) return '00000000-000000';
  const d = new Date(t);
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    '-' +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2)
  );
}

/** `{store}-promotion-{id}-{kind}-{YYYYMMDD-HHmmss}.csv`, e.g. `abc123-promotion-42-export-20240131-235959.csv`. */
export function csvFilename({ storeHash, promotionId, kind, at }: CsvFilenameInput): string {
  // Store hashes are already [a-z0-9]; anything else is dropped rather than trusted.
  const store =
    String(storeHash)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 32) || 'store';
  const id = Number.isSafeInteger(promotionId) && promotionId > 0 ? String(promotionId) : 'unknown';
  const safeKind = Object.hasOwn(SLUG, kind) ? SLUG[kind] : 'file';
  return `${store}-promotion-${id}-${safeKind}-${stamp(at)}.csv`;
}
