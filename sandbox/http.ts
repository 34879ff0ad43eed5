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
  /** Pad the body with whitespace to at least this many bytes (hostile huge bodies). */
  padTo?: number;
  /** Send without Content-Length, in chunks (hostile huge bodies). */
  chunked?: boolean;
}

/** Padding goes out in pieces of this size, so a huge body is never held in memory. */
const PAD_PIECE = ' '.repeat(64 * 1024);

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function send(res: ServerResponse, reply: Reply, extra?: object): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = {
    ...(extra as Record<string, string> | undefined),
    ...reply.headers,
  };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    headers['Content-Type'] = reply.contentType ?? 'application/json';
    const pad = Math.max(0, (reply.padTo ?? 0) - Buffer.byteLength(payload));
    if (pad > 0 || reply.chunked) {
      void sendPadded(res, reply.status, headers, payload, pad, reply.chunked === true);
      return;
    }
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  } else if (reply.status !== 204 && reply.status !== 304) {
    headers['Content-Length'] = '0';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/**
 * Writes payload with `pad` spaces before its last character (JSON allows
 * whitespace before a closing brace), honouring back-pressure. Without
 * Content-Length, Node sends HTTP/1.1 chunked transfer encoding.
 */
async function sendPadded(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: string,
  pad: number,
  chunked: boolean,
): Promise<void> {
  const closer = /[}\]]$/.test(payload) ? payload.slice(-1) : '';
  const head = payload.slice(0, payload.length - closer.length);
  if (!chunked) headers['Content-Length'] = String(Buffer.byteLength(payload) + pad);
  res.writeHead(status, headers);
  const write = async (chunk: string): Promise<boolean> => {
    if (res.destroyed) return false;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    return !res.destroyed;
  };
  if (!(await write(head))) return;
  for (let left = pad; left > 0; left -= PAD_PIECE.length) {
    if (!(await write(left >= PAD_PIECE.length ? PAD_PIECE : PAD_PIECE.slice(0, left)))) return;
  }
  res.end(closer);
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
    req.on('end', () =>
      finish(size <= MAX_BODY_BYTES ? { ok: true, body: Buffer.concat(chunks) } : { ok: false }),
    );
    req.on('error', () => finish({ ok: false }));
    req.on('close', () =>
      finish(size <= MAX_BODY_BYTES ? { ok: true, body: Buffer.concat(chunks) } : { ok: false }),
    );
  });
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(body: Buffer): JsonResult {
  const text = body.toString('utf8');
  if (text.trim() === '')
    return { ok: false, error: 'The request body is empty; a JSON object is required.' };
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
