/**
 * Download file names. Only [a-z0-9-] appear, and the time's T and Z, so the name is valid on
 * every OS and the downloads API never rejects or rewrites it; the time is UTC, marked with Z
 * (ISO 8601's basic form), so names sort, do not depend on the machine's zone, and say so.
 */
import type { JobCsvKind } from './job-csv';

export type CsvFileKind = JobCsvKind;

/** The kind as the merchant reads it in the file's name. */
const SLUG: Record<CsvFileKind, string> = {
  generated: 'generated',
  export: 'export',
  'purge-backup': 'purge-backup',
  unattributed: 'not-made-by-this-job',
  imported: 'imported',
  rejected: 'rejected-lines',
  email: 'export-for-email',
};

export interface CsvFilenameInput {
  storeHash: string;
  promotionId: number;
  /** The promotion's name, in a safe form after its id (the hash and id stay: they are stable). */
  promotionName?: string | null;
  kind: CsvFileKind;
  at: Date;
}

/** Longest part of a file name the promotion's name may take. */
const NAME_MAX = 40;

/** "Spring sale — 20% off!" as "spring-sale-20-off": letters and digits, one dash between words. */
export function nameSlug(name: string | null | undefined): string {
  const slug = String(name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, NAME_MAX).replace(/-+$/, '');
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * YYYYMMDDTHHmmssZ in UTC ("20261207T163045Z"); zeros for an invalid date rather than "NaN",
 * and for a year that is not four digits.
 */
function stamp(at: Date): string {
  const t = at instanceof Date ? at.getTime() : NaN;
  const d = new Date(t);
  if (!Number.isFinite(t) || d.getUTCFullYear() < 0 || d.getUTCFullYear() > 9999)
    return '00000000T000000Z';
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    'T' +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2) +
    'Z'
  );
}

/**
 * `{store}-promotion-{id}-{name}-{kind}-{YYYYMMDDTHHmmssZ}.csv`, e.g.
 * `abc123-promotion-42-spring-sale-export-20240131T235959Z.csv` (no name part when it has none).
 */
export function csvFilename({
  storeHash,
  promotionId,
  promotionName,
  kind,
  at,
}: CsvFilenameInput): string {
  // Store hashes are already [a-z0-9]; anything else is dropped rather than trusted.
  const store =
    String(storeHash)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 32) || 'store';
  const id = Number.isSafeInteger(promotionId) && promotionId > 0 ? String(promotionId) : 'unknown';
  const safeKind = Object.hasOwn(SLUG, kind) ? SLUG[kind] : 'file';
  const name = nameSlug(promotionName);
  return `${store}-promotion-${id}${name ? `-${name}` : ''}-${safeKind}-${stamp(at)}.csv`;
}
