/** The "Codes" table's words: its cells and what the status line says. Pure. */
import { MAX_API_PAGES } from '../codes/table-page';
import { PAGE_SIZE } from '../vocabulary';
import { formatCount } from './format';
import { i18n } from '#i18n';

/** 0 is unlimited, as in the control panel. */
export const limitText = (n: number): string =>
  n === 0 ? i18n.t('codes.unlimited') : formatCount(n);

/** What is shown, in the words of the status line (a function: the catalogue is read late). */
const SHOWN = {
  all: () => i18n.t('codes.shown.all'),
  unused: () => i18n.t('codes.shown.unused'),
  used: () => i18n.t('codes.shown.used'),
} as const;

/** "Page 2: codes 51–100." */
export function pageText(
  show: keyof typeof SHOWN,
  index: number,
  rows: number,
  perPage: number,
  cutShort: boolean,
): string {
  const what = SHOWN[show]();
  if (rows === 0)
    return cutShort
      ? i18n.t('codes.noneAmongNext', [what, formatCount(MAX_API_PAGES * PAGE_SIZE)])
      : index === 0
        ? i18n.t('codes.noneInPromotion', [what])
        : i18n.t('codes.noMore', [what]);
  const first = index * perPage + 1;
  const range = `${formatCount(first)}–${formatCount(first + rows - 1)}`;
  const page = i18n.t('codes.page', [formatCount(index + 1), what, range]);
  return cutShort ? `${page} ${i18n.t('codes.moreMayFollow')}` : page;
}

export function copiedText(n: number, selected: boolean): string {
  return i18n.t(selected ? 'codes.copiedSelected' : 'codes.copiedPage', n, [formatCount(n)]);
}

/** A file of the codes to delete, as "Codes from a CSV file" reads one: a code column. */
export function deleteFileOf(codes: readonly string[]): string {
  return ['code', ...codes].join('\n') + '\n';
}
