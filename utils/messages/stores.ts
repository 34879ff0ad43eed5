/** Messages about connected stores: the settings page's, and the panel's "is my store connected?". */
import { z } from 'zod';
import { defineMessage } from './define';
import type { StoreView } from './index';
import { ApiError } from '../api/errors';
import { STORE_NAME_MAX, TOKEN_MAX_LENGTH } from '../vocabulary';
import { NothingSchema, StoreHashSchema } from './schemas';

export const storeMessages = {
  getStore: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema }),
    from: 'panel',
    handle: ({ storeHash }, { services }) => services.stores.get(storeHash),
  }),
  listStores: defineMessage({
    schema: NothingSchema,
    from: 'extension',
    handle: (_, { services }) => services.stores.list(),
  }),
  saveStore: defineMessage({
    schema: z.object({
      storeHash: StoreHashSchema,
      token: z.string().min(1).max(TOKEN_MAX_LENGTH),
    }),
    from: 'extension',
    async handle({ storeHash, token }, { services }) {
      const check = await services.checkToken(storeHash, token.trim());
      if (check.ok) {
        await services.vault.set(storeHash, token.trim());
        const t = Date.now();
        const existing = await services.stores.get(storeHash);
        // The merchant's own name stays; else the store's, where the token may read it.
        const name = existing?.renamed
          ? existing.name
          : ((await (await services.clients.clientFor(storeHash)).storeName()) ??
            existing?.name ??
            null);
        await services.stores.put({
          storeHash,
          access: check.access,
          name,
          renamed: existing?.renamed ?? false,
          addedAt: existing?.addedAt ?? t,
          lastCheckedAt: t,
        });
        // A new token may see what the old one could not (or a store fixed after a revoked token).
        services.promotionLists.drop(storeHash);
      }
      return check;
    },
  }),
  /** "Store name" in the settings: the merchant's name for it; empty gives it the store's own again. */
  renameStore: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema, name: z.string().max(STORE_NAME_MAX * 2) }),
    from: 'extension',
    async handle({ storeHash, name }, { services }): Promise<StoreView> {
      const existing = await services.stores.get(storeHash);
      if (!existing) throw new ApiError('auth', `Store ${storeHash} is not connected.`);
      const typed = name.replace(/\s+/g, ' ').trim().slice(0, STORE_NAME_MAX);
      const own = typed ? null : await (await services.clients.clientFor(storeHash)).storeName();
      const view = { ...existing, name: typed || own, renamed: typed !== '' };
      await services.stores.put(view);
      return view;
    },
  }),
  /** What removing a store would take with it (the settings page asks first, naming it). */
  storeFootprint: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema }),
    from: 'extension',
    handle: ({ storeHash }, { services }) => services.registry.storeFootprint(storeHash),
  }),
  removeStore: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema }),
    from: 'extension',
    async handle({ storeHash }, { services }) {
      await services.registry.removeStore(storeHash);
      await services.vault.remove(storeHash);
      await services.stores.remove(storeHash);
      services.promotionLists.drop(storeHash);
      return null;
    },
  }),
  openOptions: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema.optional() }),
    from: 'panel',
    async handle({ storeHash }, { services }) {
      await services.openOptions(storeHash);
      return null;
    },
  }),
};
