/**
 * Connecting and removing a store, keeping the four places a store lives in step: its token is
 * checked live before anything is kept; then the vault holds the token, the public record says
 * what it may do (and since when the store is connected), and the manager's kept list of its
 * promotions is read again (a new token may see what the old one could not). The store's name
 * is its own (read where the token may) unless the merchant renamed it. Removing it takes
 * its jobs and their files (the registry), its token, its record and its kept list.
 */
import type { TokenCheck } from '../api/check-token';
import { ApiError } from '../api/errors';
import type { StoreView } from '../messages/views';
import { STORE_NAME_MAX } from '../vocabulary';
import { said } from '../vocabulary';

export interface StoreConnectionDeps {
  stores: {
    list(): Promise<StoreView[]>;
    get(storeHash: string): Promise<StoreView | null>;
    put(view: StoreView): Promise<void>;
    remove(storeHash: string): Promise<void>;
  };
  vault: {
    set(storeHash: string, token: string): Promise<void>;
    remove(storeHash: string): Promise<void>;
  };
  registry: { removeStore(storeHash: string): Promise<void> };
  promotionLists: { drop(storeHash: string): void };
  checkToken(storeHash: string, token: string): Promise<TokenCheck>;
  /** The store's own name, where its token may read it (null otherwise). */
  storeName(storeHash: string): Promise<string | null>;
  now?: () => number;
}

export type StoreConnections = ReturnType<typeof createStoreConnections>;

export function createStoreConnections(d: StoreConnectionDeps) {
  const now = d.now ?? Date.now;
  return {
    list: (): Promise<StoreView[]> => d.stores.list(),
    get: (storeHash: string): Promise<StoreView | null> => d.stores.get(storeHash),

    /** Saves the store with this token if the store accepts it; says what the token may do either way. */
    async connect(storeHash: string, pasted: string): Promise<TokenCheck> {
      const token = pasted.trim();
      const check = await d.checkToken(storeHash, token);
      if (!check.ok) return check;
      await d.vault.set(storeHash, token);
      const t = now();
      const existing = await d.stores.get(storeHash);
      // The merchant's own name stays; else the store's, where the token may read it.
      const name = existing?.renamed
        ? existing.name
        : ((await d.storeName(storeHash)) ?? existing?.name ?? null);
      await d.stores.put({
        storeHash,
        access: check.access,
        name,
        renamed: existing?.renamed ?? false,
        addedAt: existing?.addedAt ?? t,
        lastCheckedAt: t,
      });
      d.promotionLists.drop(storeHash);
      return check;
    },

    /** "Store name" in the settings: the merchant's name for it; empty gives it the store's own again. */
    async rename(storeHash: string, name: string): Promise<StoreView> {
      const existing = await d.stores.get(storeHash);
      if (!existing) throw new ApiError('auth', said('errors.notConnected', [storeHash]));
      const typed = name.replace(/\s+/g, ' ').trim().slice(0, STORE_NAME_MAX);
      const own = typed ? null : await d.storeName(storeHash);
      const view = { ...existing, name: typed || own, renamed: typed !== '' };
      await d.stores.put(view);
      return view;
    },

    /** The store and everything the extension keeps of it. */
    async remove(storeHash: string): Promise<void> {
      await d.registry.removeStore(storeHash);
      await d.vault.remove(storeHash);
      await d.stores.remove(storeHash);
      d.promotionLists.drop(storeHash);
    },
  };
}
