/**
 * Messages about connected stores: the settings page's, and the panel's "is my store connected?".
 * What connecting and removing a store take is the background's (background/store-connections.ts).
 */
import { z } from 'zod';
import { STORE_NAME_MAX, TOKEN_MAX_LENGTH } from '../vocabulary';
import { defineMessage } from './define';
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
    handle: ({ storeHash, token }, { services }) => services.stores.connect(storeHash, token),
  }),
  /** "Store name" in the settings: the merchant's name for it; empty gives it the store's own again. */
  renameStore: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema, name: z.string().max(STORE_NAME_MAX * 2) }),
    from: 'extension',
    handle: ({ storeHash, name }, { services }) => services.stores.rename(storeHash, name),
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
      await services.stores.remove(storeHash);
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
