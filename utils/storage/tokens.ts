/**
 * Where API tokens live. Content scripts can read storage.local in Chrome, so a token there
 * would be one compromised or buggy content script away from the page. IndexedDB is
 * per-origin: in the extension's worker and pages it is the extension origin's database,
 * which content scripts (running in the page's origin) cannot open.
 *
 * Nothing here logs, and errors never carry a token.
 */
import type { DBSchema } from 'idb';
import { assertExtensionContext, lazyDb } from './lazy-db';

interface VaultSchema extends DBSchema {
  tokens: { key: string; value: string };
}

export interface TokenVault {
  get(storeHash: string): Promise<string | null>;
  set(storeHash: string, token: string): Promise<void>;
  /** Deletes the token (not a soft delete: the record is gone from the database). */
  remove(storeHash: string): Promise<void>;
  /** Store hashes that have a token; never the tokens. */
  list(): Promise<string[]>;
  close(): void;
}

/** A separate database from the spool, so clearing job data can never touch credentials. */
export const DEFAULT_VAULT_DB = 'bcm-vault';

function checkHash(storeHash: string): void {
  if (typeof storeHash !== 'string' || storeHash === '')
    throw new TypeError('storeHash must be a non-empty string');
}

export function createTokenVault(dbName: string = DEFAULT_VAULT_DB): TokenVault {
  // Checked before every use: a content script must never hold the vault.
  const db = lazyDb<VaultSchema>(dbName, 1, ['tokens'], assertExtensionContext);

  return {
    async get(storeHash) {
      checkHash(storeHash);
      const token = await (await db()).get('tokens', storeHash);
      return typeof token === 'string' ? token : null;
    },
    async set(storeHash, token) {
      checkHash(storeHash);
      if (typeof token !== 'string' || token === '')
        throw new TypeError('token must be a non-empty string');
      const d = await db();
      try {
        await d.put('tokens', token, storeHash);
      } catch {
        // The underlying error is dropped on purpose: it is not worth the risk of it
        // echoing the value it failed to store.
        throw new Error('The token could not be saved in the browser.');
      }
    },
    async remove(storeHash) {
      checkHash(storeHash);
      await (await db()).delete('tokens', storeHash);
    },
    async list() {
      return (await db()).getAllKeys('tokens');
    },
    close() {
      db.close();
    },
  };
}
