/**
 * The import preview in the merchant's words: what the file gives and what it leaves out.
 * Pure (formatCount, never Intl).
 */
import { formatCount } from './format';

/** "1 line" / "12 lines". */
export function pluralLines(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'line' : 'lines'}`;
}
