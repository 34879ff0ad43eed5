/**
 * The sink: a second HTTPS server (same certificate, its own port, so another
 * origin) standing for "some other host". The redirect fault sends clients
 * here. It records every request, notably whether the X-Auth-Token came along
 * (a client that follows a cross-host redirect with its token leaks it), and
 * answers 200 with an empty but valid-looking page of codes, so that a client
 * which followed the redirect is fooled rather than warned by an error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readBody, send, splitTarget } from './http';
import type { SandboxSink, SinkRequest } from './types';

/** Oldest records are dropped past this, so a looping client cannot eat the memory. */
export const MAX_SINK_RECORDS = 10_000;

/** Valid per the spec's PromotionCodesCollectionResponse: an empty first (and last) page. */
export const SINK_PAGE = {
  data: [],
  meta: {
    cursor_pagination: { count: 0, per_page: 50, links: {} },
    pagination: {
      total: 0,
      count: 0,
      per_page: 50,
      current_page: 1,
      total_pages: 0,
      links: { current: '?page=1&limit=50' },
    },
  },
};

export interface RunningSink extends SandboxSink {
  close(): Promise<void>;
}

export async function startSink(
  cert: { key: string; pem: string },
  host: string,
  urlHost: string,
): Promise<RunningSink> {
  const records: SinkRequest[] = [];
  const server: Server = createServer({ key: cert.key, cert: cert.pem, keepAliveTimeout: 5_000 });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const { path, query } = splitTarget(req.url ?? '/');
    records.push({
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query,
      hadToken: req.headers['x-auth-token'] !== undefined,
      at: Date.now(),
    });
    if (records.length > MAX_SINK_RECORDS) records.splice(0, records.length - MAX_SINK_RECORDS);
    // Drain the body (a 307 keeps POST bodies) before answering, so the connection stays usable.
    readBody(req).then(
      () => send(res, { status: 200, body: SINK_PAGE }),
      () => res.destroy(),
    );
  });
  server.on('tlsClientError', () => {
    /* a client that rejects the certificate is not an error of ours */
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `https://${urlHost}:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    requests: () => records.map((r) => ({ ...r })),
    reset: () => {
      records.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
