/**
 * The merchant's choice of "Spreadsheet-friendly CSV": semicolons and a byte-order mark, so
 * Excel opens files in columns where decimals are written with a comma (German, French,
 * Dutch…). Until the merchant chooses, it follows the browser's language.
 */
import { storage } from '#imports';
import { writesDecimalComma } from '../locale/numbers';

export interface SpreadsheetCsv {
  on: boolean;
  /** The merchant set it; otherwise `on` is the language's default. */
  chosen: boolean;
}

/** null: not chosen yet. */
export const spreadsheetCsvItem = storage.defineItem<boolean | null>('local:spreadsheetCsv', {
  fallback: null,
});

/** `locale`: the background's, read when asked (the browser's language may change). */
export function createSpreadsheetCsvSetting(locale: () => string) {
  return {
    async get(): Promise<SpreadsheetCsv> {
      const on = await spreadsheetCsvItem.getValue();
      return on === null
        ? { on: writesDecimalComma(locale()), chosen: false }
        : { on, chosen: true };
    },
    async set(on: boolean): Promise<SpreadsheetCsv> {
      await spreadsheetCsvItem.setValue(on);
      return { on, chosen: true };
    },
  };
}
export type SpreadsheetCsvSetting = ReturnType<typeof createSpreadsheetCsvSetting>;
