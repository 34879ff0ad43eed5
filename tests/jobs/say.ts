/** Numbers in words, as the background is handed them (entrypoints/background.ts). */
import type { Say } from '../../utils/jobs/kinds/define';
import { formatCount, plural } from '../../utils/ui/format';

export const SAY: Say = { count: formatCount, plural };
