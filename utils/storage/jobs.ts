/**
 * Persistent job records in storage.local, one item per job (`local:job:{id}`) plus an index
 * of ids (`local:job-ids`). Progress is saved a few times a second: writing one small record
 * is cheap, rewriting a list of every job each time would not be.
 *
 * Records go through chrome.storage, so they must be JSON-like: no Dates, Maps or undefined
 * values that matter.
 */
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { createSerialQueue } from './serial';

export interface JobRecordStore<T extends { id: string }> {
  /** Writes the record; a new id is added to the index in the same storage write. */
  save(rec: T): Promise<void>;
  get(id: string): Promise<T | null>;
  /** Every record, oldest first (index order). */
  list(): Promise<T[]>;
  remove(id: string): Promise<void>;
}

export interface JobRecordStoreOptions {
  /** Key prefix; keys are `local:{prefix}:{id}` and `local:{prefix}-ids`. */
  prefix?: string;
}

function checkId(id: string): void {
  if (typeof id !== 'string' || id === '') throw new TypeError('Job id must be a non-empty string');
}

export function createJobRecordStore<T extends { id: string }>(options: JobRecordStoreOptions = {}): JobRecordStore<T> {
  const prefix = options.prefix ?? 'job';
  const indexKey: StorageItemKey = `local:${prefix}-ids`;
  const recordKey = (id: string): StorageItemKey => `local:${prefix}:${id}`;
  // The index is read-modify-write; the queue keeps concurrent saves of new jobs from
  // dropping each other's ids.
  const serial = createSerialQueue();

  const readIndex = async (): Promise<string[]> => {
    const ids = await storage.getItem<string[]>(indexKey);
    return Array.isArray(ids) ? ids : [];
  };

  return {
    async save(rec) {
      checkId(rec?.id);
      await serial(async () => {
        const ids = await readIndex();
        if (ids.includes(rec.id)) {
          await storage.setItem(recordKey(rec.id), rec);
        } else {
          // One storage.local.set call for both: a crash cannot leave a record outside the index.
          await storage.setItems([
            { key: recordKey(rec.id), value: rec },
            { key: indexKey, value: [...ids, rec.id] },
          ]);
        }
      });
    },

    async get(id) {
      checkId(id);
      return storage.getItem<T>(recordKey(id));
    },

    async list() {
      const ids = await readIndex();
      if (ids.length === 0) return [];
      const items = await storage.getItems(ids.map(recordKey));
      // An id whose record is missing (removed mid-way by a crash) is simply skipped.
      return items.map((i) => i.value as T | null).filter((v): v is T => v !== null && v !== undefined);
    },

    async remove(id) {
      checkId(id);
      await serial(async () => {
        // Record first: if we stop in between, the index names a missing record, which list()
        // skips, rather than an invisible record that would never be cleaned up.
        await storage.removeItem(recordKey(id));
        const ids = await readIndex();
        if (ids.includes(id)) await storage.setItem(indexKey, ids.filter((x) => x !== id));
      });
    },
  };
}
