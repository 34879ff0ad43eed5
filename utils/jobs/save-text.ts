/**
 * Why a file did not reach the disk, as words the page says (fileSave.* in the catalogue); the
 * browser's own codes are for us, and only an unknown one travels as it is.
 */
import { ApiError } from '../api/errors';
import { said, type Said, type SaidValue } from '../vocabulary';

const REASONS: Array<[RegExp, string]> = [
  [/USER_CANCELED|USER_SHUTDOWN/, 'fileSave.cancelled'],
  [
    /FILE_ACCESS_DENIED|FILE_BLOCKED|FILE_SECURITY_CHECK_FAILED|FILE_VIRUS_INFECTED|FILE_HASH_MISMATCH/,
    'fileSave.blocked',
  ],
  [/FILE_NO_SPACE/, 'fileSave.diskFull'],
  [/FILE_NAME_TOO_LONG|FILE_TOO_LARGE|FILE_TOO_SHORT/, 'fileSave.cannotWrite'],
  [/CRASH/, 'fileSave.crashed'],
];

/** "The file was not saved: {reason}." The reason is its own words, so a dialog can reuse it. */
export const notSaved = (reason: Said): Said => said('fileSave.notSaved', [reason]);

export function downloadError(error: string | undefined | null): Said {
  const code = error ?? '';
  for (const [re, key] of REASONS) if (re.test(code)) return notSaved(said(key));
  return notSaved(
    code ? said('fileSave.stoppedCode', [code.slice(0, 60)]) : said('fileSave.stopped'),
  );
}

/** The browser's own message travels as it came; ours (building the file) as its words. */
export function downloadRefused(e: unknown): Said {
  const why: SaidValue | undefined =
    e instanceof ApiError ? e.said : (e as Error | undefined)?.message?.slice(0, 120) || undefined;
  return notSaved(why ? said('fileSave.refusedWhy', [why]) : said('fileSave.refused'));
}

export const NOT_ON_DISK = said('fileSave.moved');
export const FORGOTTEN = said('fileSave.forgotten');
