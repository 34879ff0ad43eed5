/**
 * Connected stores' non-secret records (StoreView), in storage.local: small, read by every
 * UI, and never holding a token (tokens live in the vault, see tokens.ts).
 */
import { storage } from '#imports';
import type { StoreView } from '../messages/views';
import { createSerialQueue } from './serial';

export const storesItem = storage.defineItem<StoreView[]>('local:stores', { fallback: [] });

export interface StoreRegistry {
  list(): Promise<StoreView[]>;
  get(storeHash: string): Promise<StoreView | null>;
  /** Adds the store, or replaces the record with the same storeHash (keeping its place). */
  put(view: StoreView): Promise<void>;
  remove(storeHash: string): Promise<void>;
}

// One queue for the module: every registry in this context writes the same item.
const serial = createSerialQueue();

/** Only StoreView's own fields are written, so a caller's extra properties cannot leak in. */
function pick(view: StoreView): StoreView {
  return {
    storeHash: view.storeHash,
    access: view.access,
    // Only a store with a name carries the fields (records from before names stay as they were).
    ...(typeof view.name === 'string' && view.name ? { name: view.name } : {}),
    ...(view.renamed === true ? { renamed: true } : {}),
    addedAt: view.addedAt,
    lastCheckedAt: view.lastCheckedAt,
  };
}

async function read(): Promise<StoreView[]> {
  const value = await storesItem.getValue();
  return Array.isArray(value) ? value : [];
}

export function createStoreRegistry(): StoreRegistry {
  return {
    list: read,
    async get(storeHash) {
      return (await read()).find((s) => s.storeHash === storeHash) ?? null;
    },
    put(view) {
      if (typeof view?.storeHash !== 'string' || view.storeHash === '') {
        return Promise.reject(new TypeError('storeHash must be a non-empty string'));
      }
      return serial(async () => {
        const all = await read();
        const i = all.findIndex((s) => s.storeHash === view.storeHash);
        const next = i < 0 ? [...all, pick(view)] : all.map((s, j) => (j === i ? pick(view) : s));
        await storesItem.setValue(next);
      });
    },
    remove(storeHash) {
      return serial(async () => {
        const all = await read();
        if (!all.some((s) => s.storeHash === storeHash)) return;
        await storesItem.setValue(all.filter((s) => s.storeHash !== storeHash));
      });
    },
  };
}
