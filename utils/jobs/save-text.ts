/** Why a file did not reach the disk, in the merchant's words (the browser's codes are for us). */
const REASONS: Array<[RegExp, string]> = [
  [
    /USER_CANCELED|USER_SHUTDOWN/,
    'the download was cancelled or refused (a “Save as” dialog was closed, it was cancelled in the downloads list, or the browser is set to refuse downloads)',
  ],
  [
    /FILE_ACCESS_DENIED|FILE_BLOCKED|FILE_SECURITY_CHECK_FAILED|FILE_VIRUS_INFECTED|FILE_HASH_MISMATCH/,
    'the browser or the computer refused to save it (a blocked downloads folder, a security setting or a policy)',
  ],
  [/FILE_NO_SPACE/, 'the disk is full'],
  [
    /FILE_NAME_TOO_LONG|FILE_TOO_LARGE|FILE_TOO_SHORT/,
    'the file could not be written where downloads go',
  ],
  [/CRASH/, 'the browser closed while saving it'],
];

export function downloadErrorText(error: string | undefined | null): string {
  const code = error ?? '';
  for (const [re, text] of REASONS) if (re.test(code)) return `The file was not saved: ${text}.`;
  return code
    ? `The file was not saved: the browser stopped the download (${code.slice(0, 60)}).`
    : 'The file was not saved: the browser stopped the download.';
}

export function downloadRefusedText(message: string | undefined): string {
  return `The file was not saved: the browser refused to start the download${message ? ` (${message.slice(0, 120)})` : ''}.`;
}

export const NOT_ON_DISK = 'The file is no longer where it was saved (it was moved or deleted).';
export const FORGOTTEN =
  'The file is no longer in the browser’s list of downloads (the list was cleared, or it is from before a restart), so the browser cannot say it is still on disk.';
