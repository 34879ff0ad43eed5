/**
 * A job the merchant stopped (or that stopped on an error) never carries on by itself after a
 * worker restart, even when storage could not record the stop: only a person's Resume.
 */
import { afterEach, expect, it } from 'vitest';
import type { JobRegistry } from '../../utils/jobs/registry';
import type { RecordStore } from '../../utils/jobs/job-table';
import { confirm, harness, settled, waitFor, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(async () => {
  await h?.sandbox.close();
  h = null;
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const deletes = (t: Harness) => t.sandbox.stats().perEndpoint.deleteCodes.requests;
const codesNow = (t: Harness) => t.sandbox.codes(t.sandbox.promotions.bulk).length;

/** The harness's records, every write refused while `broken.on` (a disk full, say). */
function breakable(records: RecordStore, broken: { on: boolean }): RecordStore {
  return {
    ...records,
    save: (r) =>
      broken.on ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : records.save(r),
  };
}

/** A purge of all 3,000 codes, confirmed and deleting one page at a time. */
async function deleting(o: { latencyMs?: number } = {}) {
  h = await harness({ seed: { bulkCodes: 3000 }, latencyMs: o.latencyMs ?? 20 });
  const broken = { on: false };
  const worker = () =>
    h!.registry({
      records: breakable(h!.records, broken),
      workers: { delete: 1 },
      retryWritesMs: [1, 1, 1],
    });
  const reg = worker();
  const id = await reg.start({
    kind: 'purge',
    storeHash: h.sandbox.storeHash,
    promotionId: h.sandbox.promotions.bulk,
    mode: 'all',
  });
  await waitFor(reg, id, ['awaiting-confirmation']);
  await confirm(reg, id);
  while (((await reg.find(id))!.purge?.deleted ?? 0) < 250) await tick(2);
  return { reg, id, broken, worker, t: h };
}

/** The worker dies; a new one starts moments later (storage working again) and recovers. */
async function restarted(s: Awaited<ReturnType<typeof deleting>>): Promise<JobRegistry> {
  s.t.kill(s.reg);
  await tick(100); // a request the old worker had under way may still land
  s.broken.on = false;
  const again = s.worker();
  await again.recover(true);
  await tick(300);
  return again;
}

for (const action of ['cancel', 'pause'] as const)
  it(`a purge the merchant chose to ${action} whose status write failed does not carry on after a worker restart: it waits for a person`, async () => {
    const s = await deleting();
    s.broken.on = true; // from now on nothing reaches storage
    await s.reg.control(s.id, action);
    await settled(s.reg);
    expect((await s.reg.find(s.id))!.status).toBe(action === 'cancel' ? 'cancelled' : 'paused');
    expect(JSON.parse(s.t.records.raw.get(s.id)!).status).toBe('running');
    await tick(100); // a delete the pause cut off may still land at the store
    const before = deletes(s.t);
    const left = codesNow(s.t);
    const again = await restarted(s);
    expect((await again.find(s.id))!.status).toBe('interrupted');
    expect(deletes(s.t)).toBe(before);
    expect(codesNow(s.t)).toBe(left);
  });

it('a pause whose worker dies while the last answers arrive (before the pause is written) does not carry on', async () => {
  // Generating waits for the answers of requests already sent when it is paused.
  h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 300 });
  const t = h;
  const reg = t.registry();
  const id = await reg.start({
    kind: 'generate',
    storeHash: t.sandbox.storeHash,
    promotionId: t.sandbox.promotions.bulk,
    params: {
      count: 3000,
      maxUses: 1,
      maxUsesPerCustomer: 1,
      prefix: 'GEN',
      suffix: '',
      delimiter: '-',
      codeLength: 10,
      excludeCharacters: [],
    },
  });
  while (codesNow(t) < 20) await tick(5);
  void reg.control(id, 'pause').catch(() => undefined);
  await tick(20); // the pause asked; answers still on their way
  expect(JSON.parse(t.records.raw.get(id)!).status).toBe('running');
  t.kill(reg);
  await tick(400);
  const again = t.registry();
  await again.recover(true);
  const before = t.sandbox.stats().perEndpoint.createCode.requests;
  await tick(700);
  expect((await again.find(id))!.status).toBe('interrupted');
  expect(t.sandbox.stats().perEndpoint.createCode.requests).toBe(before);
});

it('a purge that failed because storage refused its writes does not carry on once storage works again', async () => {
  const s = await deleting();
  s.broken.on = true;
  await waitFor(s.reg, s.id, ['failed']);
  await settled(s.reg);
  expect(JSON.parse(s.t.records.raw.get(s.id)!).status).toBe('running');
  const before = deletes(s.t);
  const again = await restarted(s);
  expect((await again.find(s.id))!.status).toBe('interrupted');
  expect(deletes(s.t)).toBe(before);
});

it('a purge whose worker died while deleting (no stop asked) still carries on by itself', async () => {
  const s = await deleting();
  const again = await restarted(s);
  await waitFor(again, s.id, ['completed']);
  expect(codesNow(s.t)).toBe(0);
});

it('Resume by a person takes a stopped purge up again, and a later restart carries it on by itself', async () => {
  const s = await deleting();
  s.broken.on = true;
  await s.reg.control(s.id, 'pause');
  await settled(s.reg);
  const again = await restarted(s);
  expect((await again.find(s.id))!.status).toBe('interrupted');
  await again.control(s.id, 'resume');
  while (codesNow(s.t) > 2000) await tick(2);
  const third = await restarted({ ...s, reg: again });
  await waitFor(third, s.id, ['completed']);
  expect(codesNow(s.t)).toBe(0);
});
