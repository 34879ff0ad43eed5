/**
 * The protocol between the UI (panel, popup, settings) and the background, as the UI sees it:
 * the views it receives (views.ts) and a typed `sendMessage`. The message table itself
 * (schemas, handlers) is background-only (table.ts); only its types come in here, so no zod
 * reaches a page. Nothing in the table imports this file: its modules take the views from
 * views.ts.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './table';

export type { ProtocolMap, MessageName } from './table';
export type * from './views';

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;

/** Name of the runtime Port on which the background pushes job updates to open UIs. */
export const JOBS_PORT = 'jobs-feed';
