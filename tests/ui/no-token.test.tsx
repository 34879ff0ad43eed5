// @vitest-environment happy-dom
/**
 * The access token never reaches the control-panel page: not in the panel's DOM, not in any
 * message the content-script side sends or receives. A fake background that does hold a token
 * (as the real one does) answers a whole session; then the traffic and the DOM are searched.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import type { JobView } from '@/utils/jobs/types';
import type { Handlers, TrafficEntry } from './fake-bridge';
import { BULK_PROMOTION, NOW, STORE_HASH, STORE_MODIFY, makeJob } from './fixtures';
import { LIST_PAGE, renderPanel, settle } from './render-panel';

afterEach(cleanup);

const TOKEN = 'tk0p53cr3tacc355t0k3nvalue12345';

/** Every key and string in a value, deeply. */
function walk(value: unknown, visit: (key: string | null, str: string | null) => void): void {
  if (typeof value === 'string') visit(null, value);
  else if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      visit(k, null);
      walk(v, visit);
    }
}

function assertClean(traffic: TrafficEntry[]) {
  expect(traffic.length).toBeGreaterThan(10);
  for (const entry of traffic) {
    walk(entry.data, (key, str) => {
      if (key !== null)
        expect(key, `${entry.direction} ${entry.type}`).not.toMatch(
          /token|secret|password|credential/i,
        );
      if (str !== null) expect(str, `${entry.direction} ${entry.type}`).not.toContain(TOKEN);
    });
  }
  // Only what the page may ask: never saveStore (the token is typed in the extension's settings).
  const allowed = [
    'getStore',
    'getPromotion',
    'listBulkPromotions',
    'startJob',
    'controlJob',
    'downloadFile',
    'openOptions',
    'estimateJob',
    'jobs',
  ];
  for (const entry of traffic) expect(allowed).toContain(entry.type);
}

function assertDomClean() {
  const html = document.documentElement.outerHTML;
  expect(html).not.toContain(TOKEN);
  expect(document.querySelectorAll('input[type="password"]')).toHaveLength(0);
  expect(screen.queryByLabelText(/token/i)).toBeNull();
}

/** A background that knows the token, and must keep it to itself. */
function background(): Handlers {
  const secrets = new Map([[STORE_HASH, TOKEN]]);
  return {
    getStore: ({ storeHash }) => ({
      ok: true,
      value: secrets.has(storeHash) ? STORE_MODIFY : null,
    }),
    getPromotion: () => ({ ok: true, value: BULK_PROMOTION }),
    listBulkPromotions: () => ({ ok: true, value: [BULK_PROMOTION] }),
    startJob: (request) => ({ ok: true, value: { jobId: `${request.kind}-1` } }),
  };
}

function job(
  kind: JobView['kind'],
  status: JobView['status'],
  patch: Partial<JobView> = {},
): JobView {
  return makeJob({ id: `${kind}-1`, kind, status, ...patch });
}

test('a full panel session: no token in the DOM or in any message', async () => {
  const { fake } = await renderPanel({ handlers: background(), location: LIST_PAGE });
  fireEvent.change(screen.getByRole('combobox', { name: 'Promotion' }), {
    target: { value: String(BULK_PROMOTION.id) },
  });
  await settle();

  // Generate, watch it run, wait and finish; download the file again.
  fireEvent.input(screen.getByLabelText('Number of codes'), { target: { value: '1000' } });
  // The estimate under the form is asked a moment after the last keystroke: waited for, not
  // left to how long the rest of the session happens to take.
  await vi.waitFor(() => expect(fake.sent('estimateJob').length).toBeGreaterThan(0));
  fireEvent.click(screen.getByRole('button', { name: 'Generate codes' }));
  await settle();
  await fake.pushJobs([
    job('generate', 'running', {
      progress: {
        done: 200,
        total: 1000,
        ratePerSecond: 100,
        etaMs: 8000,
        wait: { kind: 'quota', untilMs: NOW + 5000 },
      },
    }),
  ]);
  fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
  await settle();
  await fake.pushJobs([
    job('generate', 'completed', {
      progress: { done: 1000, total: 1000, ratePerSecond: 0, etaMs: null, wait: null },
      files: [{ kind: 'generated', filename: 'g.csv', rows: 1000 }],
      finishedAt: NOW,
    }),
  ]);
  fireEvent.click(screen.getByRole('button', { name: 'Download CSV again' }));
  await settle();

  // Export.
  fireEvent.click(screen.getByRole('button', { name: 'Export codes' }));
  await settle();
  await fake.pushJobs([
    job('export', 'completed', {
      files: [{ kind: 'export', filename: 'e.csv', rows: 5 }],
      finishedAt: NOW,
    }),
  ]);

  // Purge from a file, confirm.
  fireEvent.click(screen.getByRole('button', { name: 'Purge codes' }));
  await settle();
  const dialog = screen.getByRole('dialog');
  fireEvent.click(within(dialog).getByRole('radio', { name: 'Codes from a CSV file' }));
  const file = within(dialog).getByLabelText('CSV file with the codes') as HTMLInputElement;
  Object.defineProperty(file, 'files', { value: [new File(['A1\nB2\n'], 'list.csv')] });
  fireEvent.change(file);
  await settle();
  fireEvent.click(within(dialog).getByRole('button', { name: 'Find codes to delete' }));
  await settle();
  await fake.pushJobs([
    job('purge', 'awaiting-confirmation', {
      purge: { plannedAt: null, mode: 'list', targetCount: 2, notFound: 0, deleted: 0, failed: 0 },
    }),
  ]);
  fireEvent.input(within(screen.getByRole('dialog')).getByLabelText('Type PURGE to confirm'), {
    target: { value: 'PURGE' },
  });
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Purge' }));
  await settle();
  await fake.pushJobs([
    job('purge', 'completed', {
      purge: { plannedAt: null, mode: 'list', targetCount: 2, notFound: 0, deleted: 2, failed: 0 },
      finishedAt: NOW,
    }),
  ]);

  const sentTypes = new Set(fake.traffic.filter((t) => t.direction === 'sent').map((t) => t.type));
  expect([...sentTypes].sort()).toEqual([
    'controlJob',
    'downloadFile',
    'estimateJob',
    'getPromotion',
    'getStore',
    'listBulkPromotions',
    'startJob',
  ]);
  assertClean(fake.traffic);
  assertDomClean();
});

test('a store not connected: the panel sends the merchant to the settings, never asks for the token', async () => {
  const { fake } = await renderPanel({
    handlers: { ...background(), getStore: () => ({ ok: true, value: null }) },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Connect this store' }));
  await settle();
  fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
  await settle();
  expect(fake.sent('openOptions')).toEqual([{ storeHash: STORE_HASH }]);
  assertDomClean();
  for (const entry of fake.traffic) expect(JSON.stringify(entry.data) ?? '').not.toContain(TOKEN);
});

test('nothing the content script bundles can send saveStore or show a token field', () => {
  // The options page is the only UI that handles a token; the panel's code never names saveStore.
  const root = join(__dirname, '..', '..');
  const files: string[] = [];
  const collect = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'options') collect(path);
      } else if (/\.(ts|tsx)$/.test(name)) files.push(path);
    }
  };
  collect(join(root, 'components'));
  collect(join(root, 'entrypoints', 'promotions.content'));
  expect(files.length).toBeGreaterThan(5);
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    expect(text, path).not.toMatch(/['"]saveStore['"]/);
    expect(text, path).not.toMatch(/type="password"/);
  }
});
