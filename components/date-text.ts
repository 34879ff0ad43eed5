import { currentLocale } from '@/utils/locale/current';
import { momentText } from '@/utils/locale/dates';

/** A day as the settings and the popup write it ("Jun 15, 2025", "15. Juni 2025"): for how long a backup is kept, when a store was added. */
export function dateText(ms: number): string {
  return momentText(ms, 'day', currentLocale());
}
