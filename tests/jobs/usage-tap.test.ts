/** The usage counted as a scan stores its pages: the same as reading the spool back, without doing so. */
import { describe, expect, it, vi } from 'vitest';
import { usageOf } from '../../utils/codes/usage';
import { createMemorySpool } from '../storage/spool-memory';
import { tapUsage } from '../../utils/jobs/usage-tap';

const row = (id: number, uses: number, max: number, day: string) => ({
  id,
  code: `C${id}`,
  current_uses: uses,
  max_uses: max,
  max_uses_per_customer: 1,
  created: `${day}T10:00:00+00:00`,
});
const PAGE_1 = [row(1, 0, 1, '2026-12-01'), row(2, 1, 1, '2026-12-01'), row(3, 2, 0, '2026-12-02')];
const PAGE_2 = [row(4, 0, 5, '2026-12-02'), row(5, 3, 5, '2026-12-03')];
const PAGE_3 = [row(6, 1, 1, '2026-12-03')];

describe('tapUsage', () => {
  it('equals a reading of every row, and reads nothing back for the pages it saw stored', async () => {
    const spool = createMemorySpool();
    const tap = tapUsage(spool, 'job');
    await tap.spool.putChunk('job', 1, PAGE_1);
    await tap.spool.putChunk('job', 2, PAGE_2);
    await tap.spool.putChunk('other', 1, PAGE_3); // another spool: not this reading
    const reads = vi.spyOn(spool, 'getChunk');
    expect(await tap.result()).toEqual(usageOf([...PAGE_1, ...PAGE_2]));
    expect(reads).not.toHaveBeenCalled();
  });

  it('a page stored again counts once; a cleared spool (the cursor walk starting over) counts nothing it held', async () => {
    const tap = tapUsage(createMemorySpool(), 'job');
    await tap.spool.putChunk('job', 1, PAGE_1);
    await tap.spool.putChunk('job', 1, PAGE_1);
    expect((await tap.result()).total).toBe(3);
    await tap.spool.clear('job');
    await tap.spool.putChunk('job', 1, PAGE_2);
    expect(await tap.result()).toEqual(usageOf(PAGE_2));
    await tap.spool.deleteChunk('job', 1);
    expect((await tap.result()).total).toBe(0);
  });

  it('pages stored before a worker stop (by another tap) are read back, only those', async () => {
    const spool = createMemorySpool();
    await tapUsage(spool, 'job').spool.putChunk('job', 1, PAGE_1);
    const resumed = tapUsage(spool, 'job');
    await resumed.spool.putChunk('job', 2, PAGE_2);
    await resumed.spool.putChunk('job', 3, PAGE_3);
    const reads = vi.spyOn(spool, 'getChunk');
    expect(await resumed.result()).toEqual(usageOf([...PAGE_1, ...PAGE_2, ...PAGE_3]));
    expect(reads.mock.calls).toEqual([['job', 1]]);
  });
});
