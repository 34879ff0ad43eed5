/**
 * The API gateway: /stores/{hash}/v3/... Order of checks, chosen to mirror a
 * gateway in front of the service:
 *   unknown store 404 -> injected redirect 307 (a proxy in front: before auth)
 *   -> token 401 -> route 404 / method 405 -> scope 403 -> hostile always429
 *   -> platform burst 429 (no headers) -> quota 429 -> in-flight cap 429
 *   -> (admitted: spends quota, counts in flight) latency -> injected 500
 *   -> handler -> hostile list rewrites -> injected drop.
 * Only admitted requests spend quota. Every response except a redirect, a
 * burst 429 or a drop carries the rate-limit headers (hostile.rateHeaders may
 * replace their values).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '../errors';
import { always429Headers, overrideRateHeaders } from '../hostile';
import { hostileList } from '../hostile-list';
import { json, send, sleep, type Reply } from '../http';
import { inFlightCap, unknownStoreHeaders, type RateHeaders } from '../limits';
import type { SandboxState, StoreEntry } from '../state';
import type { EndpointKey } from '../types';
import { deleteCodeByCode, findCode } from './code-lookup';
import { codegen } from './codegen';
import { createCode, deleteCode, deleteCodes, listCodes } from './codes';
import type { Handler } from './context';
import { getPromotion, listPromotions } from './promotions';
import { storeInformation } from './store-info';

interface Operation {
  endpoint: EndpointKey;
  write: boolean;
  /** Needs the Information & settings scope (v2 store information), which tokens may lack. */
  information?: boolean;
  handler: Handler;
}

interface RouteDef {
  pattern: RegExp;
  names: string[];
  methods: Record<string, Operation>;
}

const ROUTES: RouteDef[] = [
  {
    pattern: /^\/promotions$/,
    names: [],
    methods: { GET: { endpoint: 'promotions', write: false, handler: listPromotions } },
  },
  // Before /promotions/{id}: the first match wins, and 'codes' is not a promotion id.
  {
    pattern: /^\/promotions\/codes$/,
    names: [],
    methods: {
      GET: { endpoint: 'findCode', write: false, handler: findCode },
      DELETE: { endpoint: 'deleteCodeByCode', write: true, handler: deleteCodeByCode },
    },
  },
  {
    pattern: /^\/promotions\/([^/]+)$/,
    names: ['id'],
    methods: { GET: { endpoint: 'promotion', write: false, handler: getPromotion } },
  },
  {
    pattern: /^\/promotions\/([^/]+)\/codes$/,
    names: ['promotion_id'],
    methods: {
      GET: { endpoint: 'listCodes', write: false, handler: listCodes },
      POST: { endpoint: 'createCode', write: true, handler: createCode },
      DELETE: { endpoint: 'deleteCodes', write: true, handler: deleteCodes },
    },
  },
  {
    pattern: /^\/promotions\/([^/]+)\/codes\/([^/]+)$/,
    names: ['promotion_id', 'code_id'],
    methods: { DELETE: { endpoint: 'deleteCode', write: true, handler: deleteCode } },
  },
  // V2, beside the promotions: what the store is called (sub paths of v2 start with /v2).
  {
    pattern: /^\/v2\/store$/,
    names: [],
    methods: {
      GET: { endpoint: 'storeInfo', write: false, information: true, handler: storeInformation },
    },
  },
  {
    pattern: /^\/promotions\/([^/]+)\/codegen$/,
    names: ['promotion_id'],
    methods: { POST: { endpoint: 'codegen', write: true, handler: codegen } },
  },
];

/** /stores/{hash}/v3/… and /stores/{hash}/v2/…: the hash, the version, the rest. */
export const API_PATH_RE = /^\/stores\/([^/]+)\/(v3|v2)(\/.*)?$/;

type Match =
  | { kind: 'op'; op: Operation; params: Record<string, string> }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

function match(method: string, sub: string): Match {
  for (const r of ROUTES) {
    const m = r.pattern.exec(sub);
    if (!m) continue;
    const op = r.methods[method];
    if (!op) return { kind: 'method', allow: Object.keys(r.methods) };
    const params: Record<string, string> = {};
    r.names.forEach((n, i) => (params[n] = m[i + 1] ?? ''));
    return { kind: 'op', op, params };
  }
  return { kind: 'none' };
}

/** The true rate-limit headers (a fresh window if the store is unknown). */
function trueRateHeaders(state: SandboxState, hash: string | undefined, now: number): RateHeaders {
  const entry = hash === undefined ? undefined : state.stores.get(hash);
  if (!entry) return unknownStoreHeaders(state.config.windowMs, state.config.quota ?? null);
  return entry.limiter.headers(now, state.quotaFor(entry), state.config.windowMs);
}

/** Rate-limit headers for any response under /stores/{hash}/v3, as hostile.rateHeaders may rewrite them. */
export function rateHeadersFor(
  state: SandboxState,
  hash: string | undefined,
  now: number,
): RateHeaders {
  return overrideRateHeaders(trueRateHeaders(state, hash, now), state.config.hostile);
}

export interface ApiCall {
  req: IncomingMessage;
  res: ServerResponse;
  hash: string;
  sub: string;
  query: URLSearchParams;
  body: Buffer;
  /** The request's path and raw query, for the redirect fault's Location. */
  path: string;
  rawQuery: string;
}

export async function handleApi(state: SandboxState, call: ApiCall): Promise<void> {
  const { req, res } = call;
  const entry = state.stores.get(call.hash);
  const reply = (r: Reply) => send(res, r, rateHeadersFor(state, call.hash, Date.now()));
  if (!entry) return reply(json(404, errors.storeNotFound(call.hash)));

  const method = (req.method ?? 'GET').toUpperCase();
  const m = match(method, call.sub);
  const endpoint: EndpointKey = m.kind === 'op' ? m.op.endpoint : 'other';
  const epStats = entry.stats.ep(endpoint);
  epStats.requests++;

  if (state.faults.redirect()) {
    // Points at the sink, another host: a client that follows it (and worse,
    // sends its token along) shows up in sink.requests().
    epStats.redirected++;
    const location = `${state.sinkOrigin}${call.path}${call.rawQuery !== '' ? `?${call.rawQuery}` : ''}`;
    return send(res, { status: 307, headers: { Location: location } });
  }

  const rawToken = req.headers['x-auth-token'];
  const token = Array.isArray(rawToken) ? rawToken[0] : rawToken;
  const { modify, readOnly } = entry.data.tokens;
  if (token === undefined || token === '')
    return reply(json(401, errors.unauthorized('Missing X-Auth-Token header.')));
  if (token !== modify && token !== readOnly)
    return reply(json(401, errors.unauthorized('The access token is not valid for this store.')));

  if (m.kind === 'none') return reply(json(404, errors.routeNotFound()));
  if (m.kind === 'method')
    return reply(
      json(405, errors.methodNotAllowed(method, m.allow), { Allow: m.allow.join(', ') }),
    );
  if (m.op.write && token === readOnly) return reply(json(403, errors.forbidden()));
  if (m.op.information && !entry.data.informationScope)
    return reply(json(403, errors.noInformationScope()));

  const now = Date.now();
  if (state.config.hostile.always429) {
    epStats.status429++;
    const headers = always429Headers(trueRateHeaders(state, call.hash, now), state.config.hostile);
    return send(
      res,
      json(
        429,
        errors.tooManyRequests('Too many requests. Retry after X-Rate-Limit-Time-Reset-Ms.'),
      ),
      headers,
    );
  }
  if (state.faults.inBurst(now)) {
    epStats.status429++;
    epStats.status429NoHeaders++;
    return send(res, json(429, errors.platformBusy()));
  }
  if (entry.limiter.quotaExhausted(now, state.quotaFor(entry), state.config.windowMs)) {
    epStats.status429++;
    entry.stats.quota429++;
    return reply(
      json(429, errors.tooManyRequests("The store's request quota for this window is used up.")),
    );
  }
  const inFlight = entry.limiter.tryEnter(endpoint, inFlightCap(endpoint, entry.data.limits));
  if (inFlight === 0) {
    epStats.status429++;
    entry.stats.concurrency429++;
    return reply(
      json(429, errors.tooManyRequests('Too many concurrent requests to this endpoint.')),
    );
  }
  entry.limiter.consume();
  entry.stats.inFlight(endpoint, inFlight);
  try {
    await admitted(state, entry, call, m.op, m.params, reply);
  } finally {
    entry.limiter.leave(endpoint);
  }
}

async function admitted(
  state: SandboxState,
  entry: StoreEntry,
  call: ApiCall,
  op: Operation,
  params: Record<string, string>,
  reply: (r: Reply) => void,
): Promise<void> {
  const epStats = entry.stats.ep(op.endpoint);
  await sleep(state.latency());
  if (state.faults.error500()) {
    epStats.errors500++;
    return reply(json(500, errors.internal()));
  }
  const now = Date.now();
  const honest = op.handler({
    store: entry.data,
    params,
    query: call.query,
    body: call.body,
    now,
    rng: state.rng,
    limits: entry.data.limits,
    redeemOnList: state.config.redeemOnList ?? 0,
  });
  const result = hostileList(state.config.hostile, op.endpoint, call.query, honest, now);
  if (state.faults.drop()) {
    epStats.dropped++;
    call.req.socket.destroy();
    return;
  }
  reply(result);
}
