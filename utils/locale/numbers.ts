/** Numbers as a locale writes them, through Intl (made on first use: kept.ts says why). */
import { keptFormat } from './kept';

/** Whole numbers, one decimal at most ("0.5 codes/s", "1.5 KB"), or a whole percentage. */
export type NumberShape = 'whole' | 'one-decimal' | 'percent';

export function numberFormat(locale: string, shape: NumberShape = 'whole'): Intl.NumberFormat {
  return keptFormat(
    `${shape} ${locale}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: shape === 'percent' ? 'percent' : 'decimal',
        maximumFractionDigits: shape === 'one-decimal' ? 1 : 0,
        // Latin digits everywhere: what a merchant types in the fields, and reads in the files.
        numberingSystem: 'latn',
      }),
  );
}

/** The signs a locale groups thousands with and starts decimals with ("." and "," in German). */
export interface NumberSigns {
  group: string;
  decimal: string;
}

export function numberSigns(locale: string): NumberSigns {
  const parts = numberFormat(locale, 'one-decimal').formatToParts(12345.6);
  const sign = (type: string, or: string) => parts.find((p) => p.type === type)?.value ?? or;
  return { group: sign('group', ','), decimal: sign('decimal', '.') };
}

/** German, French, Dutch… write 1,5: their spreadsheets split CSV files on semicolons. */
export function writesDecimalComma(locale: string): boolean {
  return numberSigns(locale).decimal === ',';
}
