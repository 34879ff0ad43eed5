/**
 * Persistent job records, in the extension's own IndexedDB: a content script (which could read
 * storage.local) never sees another store's jobs, and a record's progress write touches only
 * that record. Records written by an older version to storage.local (`local:job:{id}` plus an
 * index `local:job-ids`) are moved here on first use.
 *
 * Nothing is lost on a full disk: a write that fails rejects, and the registry then stops the
 * job with the reason instead of leaving it running.
 */
import type { DBSchema } from 'idb';
import { storage, type StorageItemKey } from '#imports';
import { assertExtensionContext, lazyDb } from './lazy-db';

export interface JobRecordStore<T extends { id: string; createdAt?: number }> {
  save(rec: T): Promise<void>;
  get(id: string): Promise<T | null>;
  /** Every record, oldest first. */
  list(): Promise<T[]>;
  remove(id: string): Promise<void>;
}

interface JobsSchema extends DBSchema {
  records: { key: string; value: unknown };
}

export const DEFAULT_JOBS_DB = 'bcm-jobs';

function checkId(id: string): void {
  if (typeof id !== 'string' || id === '') throw new TypeError('Job id must be a non-empty string');
}

/** Moves records an older version kept in storage.local (readable by content scripts) into the database. */
async function migrateFromStorageLocal(
  put: (value: { id: string }) => Promise<void>,
): Promise<void> {
  const indexKey: StorageItemKey = 'local:job-ids';
  const ids = await storage.getItem<string[]>(indexKey).catch(() => null);
  if (!Array.isArray(ids) || ids.length === 0) return;
  const keys = ids.map((id): StorageItemKey => `local:job:${id}`);
  for (const { value } of await storage.getItems(keys))
    if (value && typeof value === 'object') await put(value as { id: string });
  await storage.removeItems([...keys, indexKey]);
}

export function createJobRecordStore<T extends { id: string; createdAt?: number }>(
  dbName: string = DEFAULT_JOBS_DB,
): JobRecordStore<T> {
  const db = lazyDb<JobsSchema>(dbName, 1, ['records'], assertExtensionContext);
  let migrated: Promise<void> | null = null;
  const ready = async () => {
    const d = await db();
    migrated ??= migrateFromStorageLocal(async (v) => void (await d.put('records', v, v.id))).catch(
      () => undefined,
    );
    await migrated;
    return d;
  };

  return {
    async save(rec) {
      checkId(rec?.id);
      await (await ready()).put('records', rec, rec.id);
    },
    async get(id) {
      checkId(id);
      return ((await (await ready()).get('records', id)) as T | undefined) ?? null;
    },
    async list() {
      const all = (await (await ready()).getAll('records')) as T[];
      return all.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
    },
    async remove(id) {
      checkId(id);
      await (await ready()).delete('records', id);
    },
  };
}
