import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Spool } from '../../utils/storage/spool';
import { createIdbSpool, type IdbSpool } from '../../utils/storage/spool-idb';
import { createMemorySpool } from './spool-memory';

const opened: IdbSpool[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function freshIdb(readBatch?: number): IdbSpool {
  const spool = createIdbSpool(`spool-test-${crypto.randomUUID()}`, { readBatch });
  opened.push(spool);
  return spool;
}

async function all(
  spool: Spool,
  jobId: string,
): Promise<Array<{ chunkNo: number; rows: unknown[] }>> {
  const out: Array<{ chunkNo: number; rows: unknown[] }> = [];
  for await (const c of spool.chunks(jobId)) out.push(c);
  return out;
}

const implementations: Array<[string, () => Spool]> = [
  ['memory', createMemorySpool],
  ['idb', () => freshIdb()],
  ['idb, one chunk per read', () => freshIdb(1)],
];

describe.each(implementations)('Spool contract: %s', (_name, make) => {
  it('is empty for an unknown job', async () => {
    const s = make();
    expect(await s.rowCount('none')).toBe(0);
    expect(await s.chunkNumbers('none')).toEqual([]);
    expect(await s.hasChunk('none', 1)).toBe(false);
    expect(await s.getChunk('none', 1)).toBeNull();
    expect(await all(s, 'none')).toEqual([]);
  });

  it('stores chunks and reads them back in ascending order whatever the put order', async () => {
    const s = make();
    await s.putChunk('j', 3, [{ c: 'C' }]);
    await s.putChunk('j', 1, [{ c: 'A' }, { c: 'A2' }]);
    await s.putChunk('j', 2, []);
    await s.putChunk('j', 10, [{ c: 'D' }]);
    expect(await s.chunkNumbers('j')).toEqual([1, 2, 3, 10]);
    expect(await s.rowCount('j')).toBe(4);
    expect(await s.hasChunk('j', 2)).toBe(true);
    expect(await s.hasChunk('j', 4)).toBe(false);
    expect(await s.getChunk('j', 1)).toEqual([{ c: 'A' }, { c: 'A2' }]);
    expect(await all(s, 'j')).toEqual([
      { chunkNo: 1, rows: [{ c: 'A' }, { c: 'A2' }] },
      { chunkNo: 2, rows: [] },
      { chunkNo: 3, rows: [{ c: 'C' }] },
      { chunkNo: 10, rows: [{ c: 'D' }] },
    ]);
  });

  it('orders chunk numbers numerically, including 0 and negatives', async () => {
    const s = make();
    for (const n of [100, 9, -1, 0, 20]) await s.putChunk('j', n, [n]);
    expect(await s.chunkNumbers('j')).toEqual([-1, 0, 9, 20, 100]);
  });

  it('is idempotent for the same key: a re-put replaces and counts once', async () => {
    const s = make();
    await s.putChunk('j', 1, ['a', 'b', 'c']);
    await s.putChunk('j', 1, ['a', 'b', 'c']);
    expect(await s.rowCount('j')).toBe(3);
    await s.putChunk('j', 1, ['x']);
    expect(await s.rowCount('j')).toBe(1);
    expect(await s.getChunk('j', 1)).toEqual(['x']);
    expect(await s.chunkNumbers('j')).toEqual([1]);
  });

  it('keeps namespaces apart: jobId is opaque', async () => {
    const s = make();
    await s.putChunk('job1', 1, ['main']);
    await s.putChunk('job1:backup', 1, ['b1', 'b2']);
    await s.putChunk('job1:targets', 1, ['t']);
    await s.putChunk('job10', 1, ['other']);
    expect(await s.rowCount('job1')).toBe(1);
    expect(await s.rowCount('job1:backup')).toBe(2);
    await s.clear('job1');
    expect(await s.rowCount('job1')).toBe(0);
    expect(await s.chunkNumbers('job1')).toEqual([]);
    expect(await s.getChunk('job1:backup', 1)).toEqual(['b1', 'b2']);
    expect(await s.getChunk('job1:targets', 1)).toEqual(['t']);
    expect(await s.getChunk('job10', 1)).toEqual(['other']);
  });

  it('deletes one chunk and keeps the count right', async () => {
    const s = make();
    await s.putChunk('j', 1, [1, 2]);
    await s.putChunk('j', 2, [3, 4, 5]);
    await s.deleteChunk('j', 1);
    await s.deleteChunk('j', 99); // absent: nothing happens
    expect(await s.rowCount('j')).toBe(3);
    expect(await s.chunkNumbers('j')).toEqual([2]);
    await s.deleteChunk('j', 2);
    expect(await s.rowCount('j')).toBe(0);
    await s.putChunk('j', 5, [1]);
    expect(await s.rowCount('j')).toBe(1);
  });

  it('copies rows in and out, as IndexedDB does', async () => {
    const s = make();
    const rows = [{ code: 'A' }];
    await s.putChunk('j', 1, rows);
    rows[0]!.code = 'CHANGED';
    const back = (await s.getChunk('j', 1)) as Array<{ code: string }>;
    expect(back[0]?.code).toBe('A');
    back[0]!.code = 'ALSO CHANGED';
    expect(await s.getChunk('j', 1)).toEqual([{ code: 'A' }]);
  });

  it('rejects bad keys', async () => {
    const s = make();
    await expect(s.putChunk('', 1, [])).rejects.toThrow(TypeError);
    await expect(s.putChunk('j', 1.5, [])).rejects.toThrow(RangeError);
    await expect(s.putChunk('j', Number.NaN, [])).rejects.toThrow(RangeError);
    await expect(s.putChunk('j', 1, 'rows' as unknown as unknown[])).rejects.toThrow(TypeError);
    await expect(s.rowCount('')).rejects.toThrow(TypeError);
  });

  it('survives concurrent puts to the same job with the right total', async () => {
    const s = make();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s.putChunk(
          'j',
          i,
          Array.from({ length: i }, () => i),
        ),
      ),
    );
    // Re-puts racing with first puts must not double count either.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s.putChunk(
          'j',
          i,
          Array.from({ length: i }, () => i),
        ),
      ),
    );
    expect(await s.rowCount('j')).toBe((49 * 50) / 2);
    expect(await s.chunkNumbers('j')).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('matches a model under random operations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('put' as const),
              job: fc.constantFrom('a', 'a:b', 'b'),
              n: fc.integer({ min: 0, max: 6 }),
              len: fc.nat(4),
            }),
            fc.record({
              op: fc.constant('del' as const),
              job: fc.constantFrom('a', 'a:b', 'b'),
              n: fc.integer({ min: 0, max: 6 }),
            }),
            fc.record({ op: fc.constant('clear' as const), job: fc.constantFrom('a', 'a:b', 'b') }),
          ),
          { maxLength: 25 },
        ),
        async (ops) => {
          const s = make();
          const model = new Map<string, Map<number, unknown[]>>();
          for (const o of ops) {
            const m = model.get(o.job) ?? new Map<number, unknown[]>();
            model.set(o.job, m);
            if (o.op === 'put') {
              const rows = Array.from({ length: o.len }, (_, i) => `${o.job}-${o.n}-${i}`);
              await s.putChunk(o.job, o.n, rows);
              m.set(o.n, rows);
            } else if (o.op === 'del') {
              await s.deleteChunk(o.job, o.n);
              m.delete(o.n);
            } else {
              await s.clear(o.job);
              m.clear();
            }
          }
          for (const job of ['a', 'a:b', 'b']) {
            const m = model.get(job) ?? new Map<number, unknown[]>();
            const nums = [...m.keys()].sort((x, y) => x - y);
            expect(await s.chunkNumbers(job)).toEqual(nums);
            expect(await s.rowCount(job)).toBe([...m.values()].reduce((n, r) => n + r.length, 0));
            expect(await all(s, job)).toEqual(
              nums.map((chunkNo) => ({ chunkNo, rows: m.get(chunkNo) })),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('IDB spool specifics', () => {
  it('lists the job ids that hold chunks', async () => {
    const s = freshIdb();
    await s.putChunk('x', 1, [1]);
    await s.putChunk('x:backup', 1, [1]);
    await s.putChunk('y', 1, [1]);
    await s.clear('y');
    expect((await s.jobIds()).sort()).toEqual(['x', 'x:backup']);
  });

  it('persists across connections (a restarted service worker)', async () => {
    const name = `spool-test-${crypto.randomUUID()}`;
    const first = createIdbSpool(name);
    await first.putChunk('j', 1, ['a', 'b']);
    first.close();
    const second = createIdbSpool(name);
    opened.push(second);
    expect(await second.rowCount('j')).toBe(2);
    expect(await second.getChunk('j', 1)).toEqual(['a', 'b']);
  });

  it('reopens after close', async () => {
    const s = freshIdb();
    await s.putChunk('j', 1, [1]);
    s.close();
    expect(await s.rowCount('j')).toBe(1);
  });

  it('iterates 200,000 rows in 800 chunks back exactly in order', async () => {
    const s = freshIdb();
    const chunkCount = 800;
    const perChunk = 250;
    // Put out of order (as concurrent page fetches finish) to prove order comes from the keys.
    const order = Array.from({ length: chunkCount }, (_, i) => i + 1).sort(
      (a, b) => ((a * 7919) % chunkCount) - ((b * 7919) % chunkCount),
    );
    for (const chunkNo of order) {
      const rows = Array.from({ length: perChunk }, (_, r) => {
        const id = (chunkNo - 1) * perChunk + r + 1;
        return { id, code: `CODE${id}` };
      });
      await s.putChunk('big', chunkNo, rows);
    }
    expect(await s.rowCount('big')).toBe(200_000);
    expect(await s.chunkNumbers('big')).toHaveLength(chunkCount);

    let expectedId = 1;
    let expectedChunk = 1;
    for await (const { chunkNo, rows } of s.chunks('big')) {
      expect(chunkNo).toBe(expectedChunk++);
      for (const row of rows as Array<{ id: number; code: string }>) {
        if (row.id !== expectedId || row.code !== `CODE${expectedId}`) {
          throw new Error(`row out of order: got ${row.id}, expected ${expectedId}`);
        }
        expectedId++;
      }
    }
    expect(expectedId - 1).toBe(200_000);
    expect(expectedChunk - 1).toBe(chunkCount);
  }, 120_000);
});
