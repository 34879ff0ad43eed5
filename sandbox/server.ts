/**
 * The sandbox store: one HTTPS server on loopback answering the Promotions API
 * (/stores/{hash}/v3/...), the fake control panel (/manage/...) and the
 * inspection endpoints (/__sandbox/...). Browsers map api.bigcommerce.com and
 * *.mybigcommerce.com to it, so everything is routed by path. A second server,
 * the sink (sink.ts), stands for another host that the redirect fault points at.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { errors, gateway } from './errors';
import { json, MAX_QUERY_CHARS, readBody, send, splitTarget, type Reply } from './http';
import { addCodes as addOtherAppCodes, parseAddCodesBody, SandboxRequestError } from './other-app';
import { parseRedeemBody, redeemCodes } from './customers';
import { panelHtml, storeFromHost } from './panel';
import { API_PATH_RE, handleApi, rateHeadersFor } from './routes/api';
import { handleInspect } from './routes/inspect';
import { mulberry32 } from './rng';
import { startSink, type RunningSink } from './sink';
import {
  DEFAULT_SEED,
  DEFAULT_STORE_HASH,
  MAX_EXTRA_PROMOTIONS,
  SandboxState,
  validateConfig,
  type StoreEntry,
} from './state';
import { SEEDED_IDS } from './store';
import { sandboxCert } from './tls';
import type {
  AddCodesSpec,
  CodeView,
  CreateStoreOptions,
  RedeemSpec,
  Sandbox,
  SandboxOptions,
  SandboxStats,
  StoreHandle,
} from './types';

export type {
  AddCodesSpec,
  CodeView,
  ConfigurableOptions,
  CreateStoreOptions,
  EndpointKey,
  EndpointStats,
  Faults,
  Hostile,
  HostileRateHeaders,
  LimitsProfile,
  Plan,
  RedeemSpec,
  Sandbox,
  SandboxOptions,
  SandboxSink,
  SandboxStats,
  SeededPromotions,
  SinkRequest,
  StoreHandle,
} from './types';

export const PANEL_PATH = '/manage/marketing/promotions';
/** Long enough for our own 414 to be the answer up to 64 KB (Node's default is 16 KB, which would 431 first). */
const MAX_HEADER_BYTES = 64 * 1024;

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const cfg = validateConfig({
    plan: opts.plan,
    limits: opts.limits,
    latencyMs: opts.latencyMs,
    jitterMs: opts.jitterMs,
    faults: opts.faults,
    hostile: opts.hostile,
    windowMs: opts.windowMs,
    ...(opts.quota !== undefined ? { quota: opts.quota } : {}),
    ...(opts.redeemOnList !== undefined ? { redeemOnList: opts.redeemOnList } : {}),
  });
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('port must be an integer between 0 and 65535');
  const host = opts.host ?? '127.0.0.1';
  const bulkCodes = opts.seed?.bulkCodes ?? 1200;
  if (!Number.isInteger(bulkCodes) || bulkCodes < 0)
    throw new Error('seed.bulkCodes must be an integer >= 0');
  const bulkPromotions = opts.seed?.bulkPromotions ?? 0;
  if (
    !Number.isInteger(bulkPromotions) ||
    bulkPromotions < 0 ||
    bulkPromotions > MAX_EXTRA_PROMOTIONS
  )
    throw new Error(`seed.bulkPromotions must be an integer between 0 and ${MAX_EXTRA_PROMOTIONS}`);
  const seed = opts.seed?.random ?? DEFAULT_SEED;

  const state = new SandboxState(
    {
      plan: cfg.plan ?? 'unlimited',
      limits: cfg.limits ?? 'current',
      latencyMs: cfg.latencyMs ?? 0,
      jitterMs: cfg.jitterMs,
      faults: cfg.faults ?? {},
      hostile: cfg.hostile ?? {},
      windowMs: cfg.windowMs ?? 30_000,
      quota: cfg.quota,
      redeemOnList: cfg.redeemOnList,
    },
    opts.rng ?? mulberry32(seed),
    seed,
    { bulkCodes, bulkPromotions },
    opts.rng,
    opts.rng,
    opts.rng,
  );
  const defaultStore = state.createStore({ hash: DEFAULT_STORE_HASH });

  const cert = await sandboxCert();
  const server = createServer({
    key: cert.key,
    cert: cert.pem,
    maxHeaderSize: MAX_HEADER_BYTES,
    keepAliveTimeout: 5_000,
  });
  let origin = '';
  let sink: RunningSink | undefined;

  const entryOf = (hash?: string): StoreEntry => {
    const entry = state.stores.get(hash ?? state.defaultHash);
    if (!entry) throw new Error(`unknown store ${hash ?? state.defaultHash}`);
    return entry;
  };
  const handleOf = (entry: StoreEntry): StoreHandle => ({
    storeHash: entry.data.hash,
    apiBase: `${origin}/stores/${entry.data.hash}/v3`,
    tokens: { ...entry.data.tokens },
    promotions: { ...SEEDED_IDS },
  });
  const stats = (hash?: string): SandboxStats => {
    const entry = entryOf(hash);
    return {
      ...entry.stats.snapshot(),
      codes: entry.data.codeCounts(),
      deleted: { ...entry.data.deleted },
      redemptions: entry.data.redemptions,
    };
  };
  const codes = (promotionId: number, hash?: string): CodeView[] => {
    const entry = entryOf(hash);
    const p = entry.data.promotion(promotionId);
    if (!p) throw new Error(`unknown promotion ${promotionId} in store ${entry.data.hash}`);
    return entry.data.codesOf(p);
  };
  const createStore = (o?: CreateStoreOptions): StoreHandle => handleOf(state.createStore(o ?? {}));
  const removePromotion = (promotionId: number, hash?: string): void => {
    const entry = entryOf(hash);
    if (!entry.data.removePromotion(promotionId))
      throw new Error(`unknown promotion ${promotionId} in store ${entry.data.hash}`);
  };
  const addCodes = (
    promotionId: number,
    spec: string[] | AddCodesSpec,
    hash?: string,
  ): CodeView[] => {
    const entry = state.stores.get(hash ?? state.defaultHash);
    if (!entry)
      throw new SandboxRequestError(`store ${hash ?? state.defaultHash} does not exist`, 404);
    return addOtherAppCodes(entry.data, promotionId, spec, state.otherAppRng, Date.now());
  };
  const redeem = (promotionId: number, spec: RedeemSpec, hash?: string): CodeView[] => {
    const entry = state.stores.get(hash ?? state.defaultHash);
    if (!entry)
      throw new SandboxRequestError(`store ${hash ?? state.defaultHash} does not exist`, 404);
    return redeemCodes(entry.data, promotionId, spec, state.customerRng);
  };
  // The sink's records are cleared with the stats; its origin and the settings stay.
  const reset = () => {
    state.reset();
    sink?.reset();
  };
  const hooks = {
    stats,
    codes,
    createStore,
    reset,
    configure: (partial: unknown) => state.configure(validateConfig(partial)),
    info: () => ({
      ...handleOf(defaultStore),
      origin,
      panelUrl: `${origin}${PANEL_PATH}`,
      spkiSha256: cert.spkiSha256,
      sinkOrigin: state.sinkOrigin,
    }),
    addCodes: (body: unknown) => {
      const b = parseAddCodesBody(body);
      return addCodes(b.promotion, b.spec, b.store);
    },
    redeem: (body: unknown) => {
      const b = parseRedeemBody(body);
      return redeem(b.promotion, b.spec, b.store);
    },
    sinkRequests: () => sink?.requests() ?? [],
    sinkReset: () => sink?.reset(),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, query } = splitTarget(req.url ?? '/');
    const method = (req.method ?? 'GET').toUpperCase();
    const api = API_PATH_RE.exec(path);
    const apiHeaders = () => (api ? rateHeadersFor(state, api[1], Date.now()) : undefined);

    const body = await readBody(req);
    if (!body.ok) {
      // The rest of the body was not read: the connection cannot be reused.
      return send(res, json(413, errors.tooLarge(), { Connection: 'close' }), apiHeaders());
    }
    if (query.length > MAX_QUERY_CHARS)
      return send(res, json(414, errors.uriTooLong()), apiHeaders());
    const q = new URLSearchParams(query);

    if (path.startsWith('/__sandbox/')) {
      return send(res, handleInspect(state, hooks, method, path, q, body.body), {
        'Cache-Control': 'no-store',
      });
    }
    if (path === '/manage' || path.startsWith('/manage/')) return send(res, panel(req, method));
    if (path === '/') return send(res, { status: 302, headers: { Location: PANEL_PATH } });
    if (api)
      return handleApi(state, {
        req,
        res,
        hash: api[1] ?? '',
        // V2 paths keep their version in front, so the routes can tell /v2/store from v3's.
        sub: api[2] === 'v2' ? `/v2${api[3] ?? ''}` : (api[3] ?? ''),
        query: q,
        body: body.body,
        path,
        rawQuery: query,
      });
    return send(res, json(404, errors.routeNotFound()));
  }

  function panel(req: IncomingMessage, method: string): Reply {
    if (method !== 'GET' && method !== 'HEAD') {
      return json(405, gateway(405, 'Method Not Allowed', 'The control panel only answers GET.'), {
        Allow: 'GET, HEAD',
      });
    }
    const fromHost = storeFromHost(req.headers.host);
    const hash =
      fromHost !== undefined && state.stores.has(fromHost) ? fromHost : state.defaultHash;
    return {
      status: 200,
      body: panelHtml(hash),
      contentType: 'text/html; charset=utf-8',
      headers: { 'Cache-Control': 'no-store' },
    };
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // Never let one request take the server down, whatever it contains.
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        send(
          res,
          json(
            500,
            gateway(
              500,
              'Internal Server Error',
              `Sandbox error: ${(e as Error)?.message ?? String(e)}`,
            ),
          ),
        );
      } else {
        res.destroy();
      }
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify(
      gateway(
        status,
        status === 431 ? 'Request Header Fields Too Large' : 'Bad Request',
        'The request could not be parsed.',
      ),
    );
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  server.on('tlsClientError', () => {
    /* a client that rejects our certificate is not an error of ours */
  });

  await listen(server, port, host);
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  origin = `https://${urlHost}:${actualPort}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  try {
    sink = await startSink(cert, host, urlHost);
  } catch (e) {
    await closeServer();
    throw e;
  }
  state.sinkOrigin = sink.origin;
  const runningSink = sink;

  const agent = new Agent({ connect: { ca: cert.pem } });
  const boundFetch = ((
    input: Parameters<typeof undiciFetch>[0],
    init?: Parameters<typeof undiciFetch>[1],
  ) => undiciFetch(input, { ...init, dispatcher: agent })) as unknown as typeof fetch;

  const first = handleOf(defaultStore);
  return {
    origin,
    port: actualPort,
    storeHash: first.storeHash,
    apiBase: first.apiBase,
    panelUrl: `${origin}${PANEL_PATH}`,
    tokens: first.tokens,
    promotions: first.promotions,
    cert: { pem: cert.pem, spkiSha256: cert.spkiSha256 },
    fetch: boundFetch,
    createStore,
    configure: (partial) => state.configure(partial),
    stats,
    codes,
    addCodes,
    redeem,
    removePromotion,
    sink: {
      origin: runningSink.origin,
      requests: () => runningSink.requests(),
      reset: () => runningSink.reset(),
    },
    reset,
    close: async () => {
      await agent.close().catch(() => undefined);
      await Promise.all([closeServer(), runningSink.close()]);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
