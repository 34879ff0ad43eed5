import { defineExtensionMessaging } from '@webext-core/messaging';
import type { JobRecord } from '../jobs/record';
import type { JobFile } from '../jobs/types';

/** Between the Chrome service worker (no URL.createObjectURL) and its offscreen document. */
interface OffscreenProtocol {
  buildCsv(data: { job: JobRecord; kind: JobFile['kind'] }): { url: string } | { error: string };
  revokeUrl(data: { url: string }): void;
}

export const offscreenMessaging = defineExtensionMessaging<OffscreenProtocol>();
