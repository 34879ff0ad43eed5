/** Small HTTP helpers shared by the routes: replies, body reading, query parsing. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_QUERY_CHARS = 16 * 1024;
/** Past this the body is not even drained: the socket is dropped. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export interface Reply {
  status: number;
  /** undefined = empty body (204); a string is sent as-is with contentType. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function send(res: ServerResponse, reply: Reply, extra?: object): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...(extra as Record<string, string> | undefined), ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    headers['Content-Type'] = reply.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  } else if (reply.status !== 204 && reply.status !== 304) {
    headers['Content-Length'] = '0';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false };

/**
 * Reads the whole body, keeping at most MAX_BODY_BYTES. An oversized body is
 * drained rather than cut off, so that the client reliably reads the 413.
 */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (!done) {
        done = true;
        resolve(r);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        finish({ ok: false });
      }
    });
    req.on('end', () => finish(size <= MAX_BODY_BYTES ? { ok: true, body: Buffer.concat(chunks) } : { ok: false }));
    req.on('error', () => finish({ ok: false }));
    req.on('close', () => finish(size <= MAX_BODY_BYTES ? { ok: true, body: Buffer.concat(chunks) } : { ok: false }));
  });
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(body: Buffer): JsonResult {
  const text = body.toString('utf8');
  if (text.trim() === '') return { ok: false, error: 'The request body is empty; a JSON object is required.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: 'The request body is not valid JSON.' };
  }
}

/** Splits a raw request target without URL(): '//x' must stay a path, not become a host. */
export function splitTarget(raw: string): { path: string; query: string } {
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1);
  // Absolute-form targets (GET https://host/path) are legal HTTP/1.1.
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(path);
  return { path: m ? (m[1] ?? '/') : path, query };
}

/** Strict integer parse for query values: digits only, optional leading minus. */
export function parseIntStrict(v: string): number | null {
  if (!/^-?\d{1,15}$/.test(v)) return null;
  return Number(v);
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
