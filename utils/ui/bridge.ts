/**
 * The only UI code that touches browser APIs: asks the background (typed messages) and listens
 * to its jobs feed (a runtime Port). Views and stores get a `UiBridge`; tests give them a fake.
 */
import { browser } from '#imports';
import {
  JOBS_PORT,
  sendMessage,
  type JobsFeedMessage,
  type ProtocolMap,
  type Reply,
} from '../messages';
import type { JobView } from '../jobs/types';
import { i18n } from '#i18n';
import { isErrorWords, sayError } from './say';
import { setLocale } from '../locale/current';

export type MessageType = keyof ProtocolMap;
type DataOf<K extends MessageType> = Parameters<ProtocolMap[K]>[0];
/** A message that carries nothing may be sent without data. */
export type MessageArgs<K extends MessageType> =
  undefined extends DataOf<K> ? [data?: DataOf<K>] : [data: DataOf<K>];
export type MessageReply<K extends MessageType> = ReturnType<ProtocolMap[K]>;

/** Where the jobs feed stands: the panel says so when it is not live. */
export type FeedState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface UiBridge {
  /** Asks the background; never throws: failures come back as `{ ok: false, error }` in plain words. */
  send<K extends MessageType>(type: K, ...args: MessageArgs<K>): Promise<MessageReply<K>>;
  /**
   * Follows the background's jobs feed (the full list on connect and on every change),
   * reconnecting when the service worker restarts. Returns a function that stops it.
   */
  watchJobs(onJobs: (jobs: JobView[]) => void, onState?: (state: FeedState) => void): () => void;
}

/** The part of a runtime Port the bridge uses. */
export interface PortLike {
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
  disconnect(): void;
}

export interface BridgeDeps {
  sendRaw(type: MessageType, data: unknown): Promise<unknown>;
  connect(name: string): PortLike;
  /** False once the extension was reloaded or updated under this page (nothing will answer). */
  isContextValid(): boolean;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** How long to wait for an answer before giving up (ms). */
  replyTimeoutMs?: number;
}

/** In the browser's language, read when needed. */
export const MESSAGES = {
  get noBackground(): string {
    return i18n.t('bridge.noBackground');
  },
  get contextGone(): string {
    return i18n.t('panel.reloaded');
  },
  get noAnswer(): string {
    return i18n.t('bridge.noAnswer');
  },
  get timeout(): string {
    return i18n.t('bridge.timeout');
  },
};

/** Backoff between reconnection attempts: 250 ms, 500 ms, 1 s, 2 s, then every 4 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(250 * 2 ** Math.max(0, attempt - 1), 4000);
}

function isResult(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && isErrorWords(v.error));
}

function isFeedMessage(value: unknown): value is JobsFeedMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'jobs' &&
    Array.isArray((value as { jobs?: unknown }).jobs)
  );
}

/** Removes any secret the request carried (the options page sends a token) from a message. */
function redact(text: string, data: unknown): string {
  const token =
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { token?: unknown }).token === 'string'
      ? (data as { token: string }).token
      : '';
  return token.length >= 4 ? text.split(token).join('[token]') : text;
}

/** A thrown error (no background, reloaded extension...) in words a merchant can act on. */
export function explainSendError(error: unknown, data?: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (/Could not establish connection|Receiving end does not exist/i.test(raw))
    return MESSAGES.noBackground;
  if (/Extension context invalidated|context invalidated/i.test(raw)) return MESSAGES.contextGone;
  if (/message port closed|port closed before a response|No response/i.test(raw))
    return MESSAGES.noAnswer;
  if (raw === '') return MESSAGES.noAnswer;
  return redact(i18n.t('bridge.couldNot', [raw]), data);
}

export function createBridge(deps: BridgeDeps): UiBridge {
  const timeoutMs = deps.replyTimeoutMs ?? 60_000;

  async function send<K extends MessageType>(
    type: K,
    ...args: MessageArgs<K>
  ): Promise<MessageReply<K>> {
    const data: unknown = args[0];
    if (!deps.isContextValid())
      return { ok: false, error: MESSAGES.contextGone } as MessageReply<K>;
    let timer: unknown;
    try {
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = deps.setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const reply = await Promise.race([deps.sendRaw(type, data), timeout]);
      if (reply === 'timeout') return { ok: false, error: MESSAGES.timeout } as MessageReply<K>;
      if (!isResult(reply)) return { ok: false, error: MESSAGES.noAnswer } as MessageReply<K>;
      if (!reply.ok)
        return { ok: false, error: redact(sayError(reply.error), data) } as MessageReply<K>;
      return reply as MessageReply<K>;
    } catch (error) {
      return { ok: false, error: explainSendError(error, data) } as MessageReply<K>;
    } finally {
      deps.clearTimeout(timer);
    }
  }

  function watchJobs(
    onJobs: (jobs: JobView[]) => void,
    onState?: (state: FeedState) => void,
  ): () => void {
    let stopped = false;
    let port: PortLike | undefined;
    let timer: unknown;
    let attempt = 0;
    let lastState: FeedState | undefined;
    const setState = (state: FeedState) => {
      if (state !== lastState) {
        lastState = state;
        onState?.(state);
      }
    };

    const retry = () => {
      port = undefined;
      if (stopped) return;
      if (!deps.isContextValid()) return setState('closed');
      attempt += 1;
      setState('reconnecting');
      timer = deps.setTimeout(open, reconnectDelay(attempt));
    };

    function open() {
      timer = undefined;
      if (stopped) return;
      if (!deps.isContextValid()) return setState('closed');
      if (attempt === 0) setState('connecting');
      let current: PortLike;
      try {
        current = deps.connect(JOBS_PORT);
      } catch {
        retry();
        return;
      }
      port = current;
      current.onMessage.addListener((message) => {
        if (stopped || port !== current || !isFeedMessage(message)) return;
        attempt = 0;
        setState('connected');
        onJobs(message.jobs);
      });
      current.onDisconnect.addListener(() => {
        if (port === current) retry();
      });
    }

    open();
    return () => {
      stopped = true;
      if (timer !== undefined) deps.clearTimeout(timer);
      const current = port;
      port = undefined;
      try {
        current?.disconnect();
      } catch {
        // Already gone with the worker.
      }
    };
  }

  return { send, watchJobs };
}

/**
 * The bridge over the real browser (content script, popup, options page). Every page makes one
 * as it starts, so it also sets the page's locale: numbers and dates in the language its words
 * come in (Firefox's navigator.language follows the languages asked of web pages, which may
 * differ from the browser's own).
 */
export function createBrowserBridge(): UiBridge {
  setLocale(browser.i18n.getUILanguage());
  const sendRaw = sendMessage as unknown as (type: MessageType, data: unknown) => Promise<unknown>;
  return createBridge({
    sendRaw: (type, data) => sendRaw(type, data),
    connect: (name) => browser.runtime.connect({ name }) as unknown as PortLike,
    isContextValid: () => {
      try {
        return Boolean(browser.runtime?.id);
      } catch {
        return false;
      }
    },
    setTimeout: (cb, ms) => globalThis.setTimeout(cb, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
}
