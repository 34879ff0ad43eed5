/** Shared helpers for the sandbox tests: a small API client over sandbox.fetch. */
import { expect } from 'vitest';
import type { Sandbox } from '../../sandbox/server';

export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON (tests poke into bodies freely), undefined when empty or not JSON. */
  body: any;
}

export type Api = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiResult>;

export function apiClient(sb: Sandbox, opts: { token?: string | null; base?: string } = {}): Api {
  const token = opts.token === undefined ? sb.tokens.modify : opts.token;
  const base = opts.base ?? sb.apiBase;
  return async (method, path, body, headers = {}) => {
    const h: Record<string, string> = { Accept: 'application/json', ...headers };
    if (token !== null) h['X-Auth-Token'] = token;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const r = await sb.fetch(base + path, { method, headers: h, body: payload });
    const text = await r.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: r.status, headers: r.headers as unknown as Headers, text, body: parsed };
  };
}

export const RATE_HEADERS = [
  'x-rate-limit-time-window-ms',
  'x-rate-limit-time-reset-ms',
  'x-rate-limit-requests-quota',
  'x-rate-limit-requests-left',
] as const;

export function expectRateHeaders(h: Headers): {
  window: number;
  reset: number;
  quota: number;
  left: number;
} {
  for (const name of RATE_HEADERS) expect(h.get(name), name).toMatch(/^\d+$/);
  return {
    window: Number(h.get('x-rate-limit-time-window-ms')),
    reset: Number(h.get('x-rate-limit-time-reset-ms')),
    quota: Number(h.get('x-rate-limit-requests-quota')),
    left: Number(h.get('x-rate-limit-requests-left')),
  };
}

export function expectNoRateHeaders(h: Headers): void {
  for (const name of RATE_HEADERS) expect(h.get(name), name).toBeNull();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
