/**
 * /__sandbox/* : inspection and control for tests, benchmarks and the panel.
 * No auth (loopback sandbox), no rate limits, no faults.
 */
import { gateway } from '../errors';
import { json, parseJson, type Reply } from '../http';
import { SandboxRequestError } from '../other-app';
import type { SandboxState } from '../state';
import type { CreateStoreOptions } from '../types';

export interface InspectHooks {
  stats(hash?: string): unknown;
  codes(promotionId: number, hash?: string): unknown;
  reset(): void;
  configure(partial: unknown): void;
  createStore(opts: CreateStoreOptions): unknown;
  info(): unknown;
  /** Takes the parsed body of POST /__sandbox/add-codes; throws SandboxRequestError. */
  addCodes(body: unknown): unknown;
  /** Takes the parsed body of POST /__sandbox/redeem; throws SandboxRequestError. */
  redeem(body: unknown): unknown;
  sinkRequests(): unknown;
  sinkReset(): void;
}

const ROUTES: Record<string, string[]> = {
  '/__sandbox/stats': ['GET'],
  '/__sandbox/codes': ['GET'],
  '/__sandbox/panel-data': ['GET'],
  '/__sandbox/info': ['GET'],
  '/__sandbox/reset': ['POST'],
  '/__sandbox/configure': ['POST'],
  '/__sandbox/stores': ['POST'],
  '/__sandbox/add-codes': ['POST'],
  '/__sandbox/redeem': ['POST'],
  '/__sandbox/sink': ['GET', 'DELETE'],
};

function storeParam(state: SandboxState, q: URLSearchParams): string | Reply {
  const hash = q.get('store') || state.defaultHash;
  if (!state.stores.has(hash))
    return json(404, gateway(404, 'Not Found', `Store ${hash} was not found.`));
  return hash;
}

export function handleInspect(
  state: SandboxState,
  hooks: InspectHooks,
  method: string,
  path: string,
  q: URLSearchParams,
  body: Buffer,
): Reply {
  const allowed = ROUTES[path];
  if (!allowed) return json(404, gateway(404, 'Not Found', `Unknown sandbox endpoint ${path}.`));
  if (!allowed.includes(method)) {
    return json(405, gateway(405, 'Method Not Allowed', `Use ${allowed.join(', ')}.`), {
      Allow: allowed.join(', '),
    });
  }
  const readJson = (): { ok: true; value: unknown } | { ok: false; reply: Reply } => {
    if (body.length === 0) return { ok: true, value: {} };
    const parsed = parseJson(body);
    return parsed.ok
      ? parsed
      : { ok: false, reply: json(400, gateway(400, 'Bad Request', parsed.error)) };
  };
  switch (path) {
    case '/__sandbox/stats': {
      const hash = storeParam(state, q);
      return typeof hash === 'string' ? json(200, hooks.stats(hash)) : hash;
    }
    case '/__sandbox/codes': {
      const hash = storeParam(state, q);
      if (typeof hash !== 'string') return hash;
      const raw = q.get('promotion') ?? '';
      const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      if (Number.isNaN(id) || !state.stores.get(hash)!.data.promotion(id)) {
        return json(
          404,
          gateway(404, 'Not Found', `Promotion ${raw} was not found in store ${hash}.`),
        );
      }
      return json(200, hooks.codes(id, hash));
    }
    case '/__sandbox/panel-data': {
      const hash = storeParam(state, q);
      if (typeof hash !== 'string') return hash;
      const store = state.stores.get(hash)!.data;
      const promotions = [...store.promotions.values()].map((p) => ({
        id: p.id,
        name: p.name,
        redemption_type: p.redemptionType,
        coupon_type: p.couponType ?? null,
        status: p.status,
        codes: p.codeIds.size,
      }));
      return json(200, { storeHash: hash, promotions });
    }
    case '/__sandbox/info':
      return json(200, hooks.info());
    case '/__sandbox/reset':
      hooks.reset();
      return json(200, { ok: true });
    case '/__sandbox/configure': {
      const b = readJson();
      if (!b.ok) return b.reply;
      try {
        hooks.configure(b.value);
      } catch (e) {
        return json(422, gateway(422, 'Unprocessable Entity', (e as Error).message));
      }
      return json(200, { ok: true });
    }
    case '/__sandbox/stores': {
      const b = readJson();
      if (!b.ok) return b.reply;
      try {
        return json(201, hooks.createStore(b.value as CreateStoreOptions));
      } catch (e) {
        return json(422, gateway(422, 'Unprocessable Entity', (e as Error).message));
      }
    }
    case '/__sandbox/add-codes':
    case '/__sandbox/redeem': {
      const b = readJson();
      if (!b.ok) return b.reply;
      try {
        if (path === '/__sandbox/redeem') return json(200, hooks.redeem(b.value));
        return json(201, hooks.addCodes(b.value));
      } catch (e) {
        const status = e instanceof SandboxRequestError ? e.status : 422;
        return json(
          status,
          gateway(
            status,
            status === 404 ? 'Not Found' : 'Unprocessable Entity',
            (e as Error).message,
          ),
        );
      }
    }
    case '/__sandbox/sink':
      if (method === 'DELETE') {
        hooks.sinkReset();
        return { status: 204 };
      }
      return json(200, hooks.sinkRequests());
    default:
      return json(404, gateway(404, 'Not Found', `Unknown sandbox endpoint ${path}.`));
  }
}
