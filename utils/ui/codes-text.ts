/** The "Codes" table's words: its cells and what the status line says. Pure. */
import { MAX_API_PAGES } from '../codes/table-page';
import { PAGE_SIZE } from '../vocabulary';
import { formatCount, pluralCodes } from './format';

/** 0 is unlimited, as in the control panel. */
export const limitText = (n: number): string => (n === 0 ? 'Unlimited' : formatCount(n));

const SHOWN = { all: 'codes', unused: 'unused codes', used: 'used codes' } as const;

/** "Page 2: codes 51–100." */
export function pageText(
  show: keyof typeof SHOWN,
  index: number,
  rows: number,
  perPage: number,
  cutShort: boolean,
): string {
  const what = SHOWN[show];
  if (rows === 0)
    return cutShort
      ? `No ${what} among the next ${formatCount(MAX_API_PAGES * PAGE_SIZE)} codes. Press Next page to look further.`
      : index === 0
        ? `This promotion has no ${what}.`
        : `No more ${what}.`;
  const first = index * perPage + 1;
  const range = `${formatCount(first)}–${formatCount(first + rows - 1)}`;
  return `Page ${formatCount(index + 1)}: ${what} ${range}.${cutShort ? ' More may follow: press Next page to look further.' : ''}`;
}

export function copiedText(n: number, selected: boolean): string {
  return `Copied ${pluralCodes(n)}${selected ? ' (the selected ones)' : ' (this page)'}.`;
}

/** A file of the codes to delete, as "Codes from a CSV file" reads one: a code column. */
export function deleteFileOf(codes: readonly string[]): string {
  return ['code', ...codes].join('\n') + '\n';
}
