import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CsvStyle } from '../csv/write';
import type { FileSource } from '../jobs/files';
import type { Said } from '../vocabulary';

/** Between the Chrome service worker (no URL.createObjectURL) and its offscreen document. */
interface OffscreenProtocol {
  /** The offscreen document gets where the rows are and how to write them, nothing more. */
  buildCsv(data: {
    source: FileSource;
    style: CsvStyle;
  }): { url: string; bytes: number } | { error: Said };
  revokeUrl(data: { url: string }): void;
}

export const offscreenMessaging = defineExtensionMessaging<OffscreenProtocol>();
