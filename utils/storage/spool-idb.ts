/**
 * The IndexedDB Spool. IndexedDB because the rows of a 1,000,000-code job (tens of MB) are
 * far beyond what storage.local is meant for, and because it is per-origin: the extension's
 * own pages and worker share it, web pages cannot see it.
 *
 * Three stores, all keyed by [jobId, chunkNo] or jobId:
 *   chunks  [jobId, chunkNo] -> rows       the data, read only when iterating
 *   sizes   [jobId, chunkNo] -> row count  lets put/delete adjust totals without reading rows
 *   totals  jobId -> { rows, chunks }      makes rowCount one read
 * Every write touches them in one transaction, so the totals never drift from the chunks.
 */
import type { DBSchema, IDBPTransaction } from 'idb';
import { lazyDb } from './lazy-db';
import type { Spool } from './spool';
import { checkJobId, checkKey, checkRows } from './spool-keys';

type ChunkKey = [string, number];

interface SpoolSchema extends DBSchema {
  chunks: { key: ChunkKey; value: unknown[] };
  sizes: { key: ChunkKey; value: number };
  totals: { key: string; value: { rows: number; chunks: number } };
}

export interface IdbSpoolOptions {
  /** Chunks fetched per read while iterating; bounds memory to a few chunks. */
  readBatch?: number;
}

export interface IdbSpool extends Spool {
  /** Closes the connection (the next call reopens it). */
  close(): void;
}

const DB_VERSION = 1;
export const DEFAULT_SPOOL_DB = 'bcm-spool';

/** All keys of one job: chunk numbers are numbers, and every number sorts between ±Infinity. */
function jobRange(jobId: string, afterChunk?: number): IDBKeyRange {
  return afterChunk === undefined
    ? IDBKeyRange.bound([jobId, -Infinity], [jobId, Infinity])
    : IDBKeyRange.bound([jobId, afterChunk], [jobId, Infinity], true, false);
}

/** The size and totals half of a chunk write, in the chunk's own transaction. */
async function countChunk(
  tx: IDBPTransaction<SpoolSchema, Array<'chunks' | 'sizes' | 'totals'>, 'readwrite'>,
  key: ChunkKey,
  size: number,
  written: Promise<unknown>,
): Promise<void> {
  const [, oldSize, total] = await Promise.all([
    written,
    tx.objectStore('sizes').get(key),
    tx.objectStore('totals').get(key[0]),
  ]);
  const t = total ?? { rows: 0, chunks: 0 };
  // Re-putting a chunk (a retried page) replaces it: the totals count it once.
  await Promise.all([
    tx.objectStore('sizes').put(size, key),
    tx.objectStore('totals').put(
      {
        rows: t.rows - (oldSize ?? 0) + size,
        chunks: t.chunks + (oldSize === undefined ? 1 : 0),
      },
      key[0],
    ),
    tx.done,
  ]);
}

export function createIdbSpool(
  dbName: string = DEFAULT_SPOOL_DB,
  options: IdbSpoolOptions = {},
): IdbSpool {
  const readBatch = Math.max(1, Math.floor(options.readBatch ?? 8));
  const db = lazyDb<SpoolSchema>(dbName, DB_VERSION, ['chunks', 'sizes', 'totals']);

  return {
    async putChunk(jobId, chunkNo, rows) {
      checkKey(jobId, chunkNo);
      checkRows(rows);
      // No await here, and the rows go in first: they are copied out of the JS heap when
      // put() is called, and nothing holds them while the bookkeeping waits on the database
      // (a suspended async function would), so a page's rows die young.
      return db().then((d) => {
        const key: ChunkKey = [jobId, chunkNo];
        const tx = d.transaction(['chunks', 'sizes', 'totals'], 'readwrite');
        return countChunk(tx, key, rows.length, tx.objectStore('chunks').put(rows, key));
      });
    },

    async getChunk(jobId, chunkNo) {
      checkKey(jobId, chunkNo);
      return (await (await db()).get('chunks', [jobId, chunkNo])) ?? null;
    },

    async hasChunk(jobId, chunkNo) {
      checkKey(jobId, chunkNo);
      return (await (await db()).count('sizes', [jobId, chunkNo])) > 0;
    },

    async chunkNumbers(jobId) {
      checkJobId(jobId);
      const keys = await (await db()).getAllKeys('sizes', jobRange(jobId));
      return keys.map((k) => k[1]);
    },

    async rowCount(jobId) {
      checkJobId(jobId);
      return (await (await db()).get('totals', jobId))?.rows ?? 0;
    },

    async *chunks(jobId) {
      checkJobId(jobId);
      let after: number | undefined;
      for (;;) {
        // A fresh short transaction per batch: an IndexedDB transaction cannot stay open
        // while the consumer awaits something else between chunks.
        const tx = (await db()).transaction('chunks', 'readonly');
        const range = jobRange(jobId, after);
        const [keys, values] = await Promise.all([
          tx.store.getAllKeys(range, readBatch),
          tx.store.getAll(range, readBatch),
        ]);
        for (let i = 0; i < keys.length; i++) {
          const chunkNo = (keys[i] as ChunkKey)[1];
          after = chunkNo;
          yield { chunkNo, rows: values[i] ?? [] };
        }
        if (keys.length < readBatch) return;
      }
    },

    async deleteChunk(jobId, chunkNo) {
      checkKey(jobId, chunkNo);
      const key: ChunkKey = [jobId, chunkNo];
      const tx = (await db()).transaction(['chunks', 'sizes', 'totals'], 'readwrite');
      const [oldSize, total] = await Promise.all([
        tx.objectStore('sizes').get(key),
        tx.objectStore('totals').get(jobId),
      ]);
      if (oldSize === undefined) {
        await tx.done;
        return;
      }
      const t = total ?? { rows: oldSize, chunks: 1 };
      const left = { rows: t.rows - oldSize, chunks: t.chunks - 1 };
      await Promise.all([
        tx.objectStore('chunks').delete(key),
        tx.objectStore('sizes').delete(key),
        left.chunks > 0
          ? tx.objectStore('totals').put(left, jobId)
          : tx.objectStore('totals').delete(jobId),
        tx.done,
      ]);
    },

    async clear(jobId) {
      checkJobId(jobId);
      const tx = (await db()).transaction(['chunks', 'sizes', 'totals'], 'readwrite');
      await Promise.all([
        tx.objectStore('chunks').delete(jobRange(jobId)),
        tx.objectStore('sizes').delete(jobRange(jobId)),
        tx.objectStore('totals').delete(jobId),
        tx.done,
      ]);
    },

    async jobIds() {
      return (await db()).getAllKeys('totals');
    },

    close() {
      db.close();
    },
  };
}
