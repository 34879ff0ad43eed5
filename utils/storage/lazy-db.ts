import { openDB, type DBSchema, type IDBPDatabase, type StoreNames } from 'idb';

/**
 * Opens an IndexedDB database on first use and keeps the connection, reopening it when
 * the browser closes it (storage cleared) or another context needs a newer schema.
 */
export function lazyDb<S extends DBSchema>(
  name: string,
  version: number,
  stores: Array<StoreNames<S>>,
  beforeOpen?: () => void,
): { (): Promise<IDBPDatabase<S>>; close(): void } {
  let dbPromise: Promise<IDBPDatabase<S>> | null = null;
  const db = () => {
    beforeOpen?.();
    dbPromise ??= openDB<S>(name, version, {
      upgrade(d) {
        for (const store of stores)
          if (!d.objectStoreNames.contains(store)) d.createObjectStore(store);
      },
      // Another context wants a newer schema: step aside rather than block it forever.
      blocking() {
        void dbPromise?.then((d) => d.close());
        dbPromise = null;
      },
      // The browser closed the connection (e.g. storage cleared): reopen on next use.
      terminated() {
        dbPromise = null;
      },
    }).catch((e: unknown) => {
      dbPromise = null;
      throw e;
    });
    return dbPromise;
  };
  return Object.assign(db, {
    close() {
      void dbPromise?.then((d) => d.close()).catch(() => {});
      dbPromise = null;
    },
  });
}

/**
 * In a content script, `indexedDB` is the web page's: tokens or job records written there would
 * be handed to the page. Refuse anywhere that is not an extension origin (tests run with no location).
 */
export function assertExtensionContext(): void {
  const protocol = (globalThis as { location?: { protocol?: unknown } }).location?.protocol;
  if (typeof protocol === 'string' && !protocol.endsWith('-extension:')) {
    throw new Error('This data can only be used from the extension itself, not from a web page.');
  }
}
