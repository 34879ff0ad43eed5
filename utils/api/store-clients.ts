/**
 * One API client per connected store, and one rate governor per store shared by every client
 * and job of that store (BigCommerce limits per store). The job registry and the message
 * handlers share these, so a panel's lookup and a running job count against the same quota.
 */
import { createGovernor, type Governor, type GovernorOptions, type StoreWait } from '../rate';
import { createClient, type BigCommerceClient } from './client';
import { ApiError } from './errors';
import { said } from '../vocabulary';

export interface StoreClientsDeps {
  /** The store's token, or null if the store is not connected. Stays inside the background. */
  tokenFor(storeHash: string): Promise<string | null>;
  /** The background's fetch; the sandbox's in tests and benchmarks. */
  fetch: typeof fetch;
  /** BigCommerce's (DEFAULT_API_ORIGIN); the sandbox's in tests and benchmarks. */
  apiOrigin: string;
  /** Each store's governor's settings (the defaults: `{}`). */
  governor: Omit<GovernorOptions, 'onWait'>;
}

export type StoreClients = ReturnType<typeof createStoreClients>;

export function createStoreClients(deps: StoreClientsDeps) {
  const governors = new Map<string, Governor>();
  const watchers = new Set<(storeHash: string, wait: StoreWait | null) => void>();

  function governorFor(storeHash: string): Governor {
    let g = governors.get(storeHash);
    if (!g) {
      g = createGovernor({
        ...deps.governor,
        onWait: (w) => watchers.forEach((fn) => fn(storeHash, w)),
      });
      governors.set(storeHash, g);
    }
    return g;
  }

  async function clientFor(storeHash: string): Promise<BigCommerceClient> {
    const token = await deps.tokenFor(storeHash);
    if (!token) throw new ApiError('auth', said('errors.notConnectedResume', [storeHash]));
    return createClient({
      storeHash,
      token,
      governor: governorFor(storeHash),
      fetch: deps.fetch,
      apiOrigin: deps.apiOrigin,
    });
  }

  return {
    clientFor,
    governorFor,
    /** Follows every store's waits (quota, 429 pauses); returns the function that stops it. */
    watchWaits(fn: (storeHash: string, wait: StoreWait | null) => void): () => void {
      watchers.add(fn);
      return () => watchers.delete(fn);
    },
    /** A store removed: its governor goes too. */
    forget(storeHash: string): void {
      governors.delete(storeHash);
    },
  };
}
