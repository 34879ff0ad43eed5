/**
 * Races between what the merchant asks in one tab and what another tab, the watchdog or the
 * worker itself does meanwhile: whatever wins, the record says what happened to the store.
 */
import { afterEach, expect, it } from 'vitest';
import type { JobRegistry } from '../../utils/jobs/registry';
import type { Spool } from '../../utils/storage/spool';
import { backupSaved, harness, settled, waitFor, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(async () => {
  await h?.sandbox.close();
  h = null;
});

const bulk = (t: Harness) => ({
  storeHash: t.sandbox.storeHash,
  promotionId: t.sandbox.promotions.bulk,
});
const codesNow = (t: Harness) => t.sandbox.codes(t.sandbox.promotions.bulk).length;

/** A promise the test settles by hand, to hold a write or a read where a race happens. */
function gate() {
  let open = () => {};
  const shut = new Promise<void>((resolve) => (open = resolve));
  return { shut, open };
}

/** The harness's spool, its clears held while `hold.on` until `hold.gate` opens. */
function heldClears(spool: Spool, hold: { on: boolean; gate: Promise<void> }): Spool {
  return {
    ...spool,
    clear: async (ns) => {
      if (hold.on) await hold.gate;
      return spool.clear(ns);
    },
  };
}

it('"Find the codes again" in one tab and Confirm in another: the confirm finds the plan gone, nothing is deleted, and the backup stays with the plan', async () => {
  h = await harness({ seed: { bulkCodes: 30 } });
  const g = gate();
  const hold = { on: false, gate: g.shut };
  const reg = h.registry({ spool: heldClears(h.spool, hold) });
  const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
  await waitFor(reg, id, ['awaiting-confirmation']);
  await backupSaved(reg, id);

  hold.on = true;
  const rescan = reg.control(id, 'rescan'); // waits on its clears
  await new Promise((r) => setTimeout(r, 5));
  const confirmed = reg.confirmPurge(id, bulk(h)).then(
    () => 'confirmed',
    (e: Error) => e.message,
  );
  await new Promise((r) => setTimeout(r, 5));
  hold.on = false;
  g.open();
  await rescan;
  expect(await confirmed).not.toBe('confirmed');
  await waitFor(reg, id, ['awaiting-confirmation']);
  await settled(reg);
  expect(codesNow(h)).toBe(30);
  const job = (await reg.find(id))!;
  expect(job.purge?.targetCount).toBe(30);
  expect(job.files.map((f) => f.kind)).toEqual(['purge-backup']);
});

it('Confirm in one tab and "Find the codes again" in another: the purge deletes, its record counts it, and its backup stays', async () => {
  h = await harness({ seed: { bulkCodes: 30 } });
  const g = gate();
  const hold = { on: false, gate: g.shut };
  const reg = h.registry({ spool: heldClears(h.spool, hold) });
  const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
  await waitFor(reg, id, ['awaiting-confirmation']);
  await backupSaved(reg, id);

  const confirmed = reg.confirmPurge(id, bulk(h)); // its backup check awaits the browser
  hold.on = true;
  const rescan = reg.control(id, 'rescan').then(
    () => 'rescanned',
    (e: Error) => e.message,
  );
  await new Promise((r) => setTimeout(r, 5));
  hold.on = false;
  g.open();
  await confirmed;
  expect(await rescan).not.toBe('rescanned');
  const job = await waitFor(reg, id, ['completed', 'failed', 'awaiting-confirmation']);
  await settled(reg);
  const record = (await reg.find(id))!;
  expect(30 - codesNow(h)).toBe(record.purge?.deleted ?? 0);
  if (codesNow(h) < 30) {
    expect(job.status).toBe('completed');
    expect(record.files.map((f) => f.kind)).toEqual(['purge-backup']);
  }
});

it("the watchdog's recovery in a live worker leaves a file this worker is still building alone: a code's deletion waits for its backup and goes on", async () => {
  h = await harness({ seed: { bulkCodes: 5 } });
  const t = h;
  const building = gate();
  let handed = false;
  let reg: JobRegistry | null = null;
  reg = t.registry({
    downloads: {
      async save() {
        handed = true;
        await building.shut; // the CSV is still being built
        setTimeout(() => void reg?.downloadChanged(7, { state: 'complete', exists: true }), 1);
        return { downloadId: 7, bytes: 40 };
      },
      state: async () => ({ state: 'complete', exists: true }),
    },
  });
  const code = t.sandbox.codes(t.sandbox.promotions.bulk)[0]!.code;
  const id = await reg.start({ kind: 'delete-code', ...bulk(t), code });
  while (!handed) await new Promise((r) => setTimeout(r, 2));
  await reg.recover(true); // the watchdog, 30 s on
  building.open();
  const job = await waitFor(reg, id, ['completed', 'failed']);
  expect(job.error).toBeNull();
  expect(job.status).toBe('completed');
  expect(codesNow(t)).toBe(4);
});

it('a job being started while the watchdog recovers is not taken for one a restart cut off: it starts', async () => {
  h = await harness({ seed: { bulkCodes: 30 } });
  const t = h;
  const written = gate();
  const reg = t.registry({
    records: {
      ...t.records,
      // The new job's first write (queued) takes a moment.
      save: async (r) => {
        if (r.status === 'queued') await written.shut;
        return t.records.save(r);
      },
    },
  });
  await reg.list(); // the table read (a worker already up)
  const starting = reg.start({ kind: 'purge', ...bulk(t), mode: 'all' }).then(
    (id) => id,
    (e: Error) => e,
  );
  await new Promise((r) => setTimeout(r, 5));
  await reg.recover(false); // the watchdog fires meanwhile
  written.open();
  const id = await starting;
  expect(id).not.toBeInstanceOf(Error);
  const job = await waitFor(reg, id as string, ['awaiting-confirmation', 'interrupted', 'failed']);
  expect(job.status).toBe('awaiting-confirmation');
});

it('"Remove from list" while a confirmation checks the backup: never a purge that deletes off the lists', async () => {
  h = await harness({ seed: { bulkCodes: 30 } });
  const t = h;
  const checked = gate();
  let checking = false;
  const reg = t.registry({
    downloads: {
      save: async () => ({ downloadId: 3, bytes: 10 }),
      state: async () => {
        if (checking) await checked.shut;
        return { state: 'complete', exists: true };
      },
    },
  });
  const id = await reg.start({ kind: 'purge', ...bulk(t), mode: 'all' });
  await waitFor(reg, id, ['awaiting-confirmation']);
  await reg.downloadChanged(3, { state: 'complete' });
  checking = true;
  const confirming = reg.confirmPurge(id, bulk(t)).then(
    () => 'confirmed',
    (e: Error) => e.message,
  );
  await new Promise((r) => setTimeout(r, 10));
  const removing = reg.remove(id).then(
    () => 'removed',
    (e: Error) => e.message,
  );
  await new Promise((r) => setTimeout(r, 10));
  checked.open();
  const [confirmed, removed] = await Promise.all([confirming, removing]);
  await new Promise((r) => setTimeout(r, 200));
  await settled(reg);
  const listed = (await reg.list()).some((j) => j.id === id);
  if (removed === 'removed') {
    expect(confirmed).not.toBe('confirmed');
    expect(codesNow(t)).toBe(30);
    expect(listed).toBe(false);
  } else {
    expect(listed).toBe(true);
    expect(30 - codesNow(t)).toBe((await reg.find(id))!.purge?.deleted);
  }
});

it('a purge the store partly refused ends completed in words the pages translate, with no English sentence stored as its error', async () => {
  h = await harness({ seed: { bulkCodes: 30 } });
  const t = h;
  let refused: number[] = [];
  // The store keeps the first three codes of the first DELETE and says so (422, meta.failed).
  const storeFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (init?.method !== 'DELETE' || refused.length) return t.sandbox.fetch(input, init);
    const ids = (url.searchParams.get('id:in') ?? '').split(',');
    refused = ids.slice(0, 3).map(Number);
    url.searchParams.set('id:in', ids.slice(3).join(','));
    await t.sandbox.fetch(url.toString(), init);
    const meta = { total: ids.length, success: ids.length - 3, failed: 3 };
    return new Response(JSON.stringify({ errors: [{ status: 422, title: 'Refused' }], meta }), {
      status: 422,
      headers: { 'content-type': 'application/json' },
    });
  };
  const reg = t.registry({ fetch: storeFetch });
  const id = await reg.start({ kind: 'purge', ...bulk(t), mode: 'all' });
  await waitFor(reg, id, ['awaiting-confirmation']);
  await backupSaved(reg, id);
  await reg.confirmPurge(id, bulk(t));
  const view = await waitFor(reg, id, ['completed', 'failed']);
  expect(view.status).toBe('completed');
  expect(view.purge?.failed).toBe(3);
  expect(codesNow(t)).toBe(3);
  expect(view.error).toBeNull();
  expect(JSON.stringify(view.words.ended)).toContain('jobWords.purge.failed');
});

it('"Remove from list" refuses a job that may still run (waiting, paused, interrupted): off the lists it would be out of reach of Pause and Cancel', async () => {
  h = await harness({ seed: { bulkCodes: 30 } });
  const reg = h.registry();
  const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
  await waitFor(reg, id, ['awaiting-confirmation']);
  await expect(reg.remove(id)).rejects.toThrow(/Cancel the job before removing it/);
  expect((await reg.list()).some((j) => j.id === id)).toBe(true);
  await reg.control(id, 'cancel');
  await waitFor(reg, id, ['cancelled']);
  await reg.remove(id);
  expect((await reg.list()).some((j) => j.id === id)).toBe(false);
  expect(codesNow(h)).toBe(30);
});
