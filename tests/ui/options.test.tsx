// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { OptionsPage } from '@/components/options/OptionsPage';
import type { KeptFileView } from '@/utils/jobs/types';
import type { StoreView } from '@/utils/messages';
import { createFakeBridge, type Handlers } from './fake-bridge';
import { STORE_MODIFY, STORE_READ_ONLY } from './fixtures';
import { settle } from './render-panel';

afterEach(cleanup);

const TOKEN = 'k9x2m4p7q1w8e5r3t6y0u2i4o6p8a1s';
const ACCOUNT_FILE = [
  `ACCESS TOKEN: ${TOKEN}`,
  'CLIENT ID: cid0000000000000000000000000000',
  'CLIENT SECRET: csecret000000000000000000000000000000000000000000000000000000',
  'NAME: Bulk Coupon Manager',
  'API PATH: https://api.bigcommerce.com/stores/def456/v3/',
].join('\r\n');

async function renderOptions(handlers: Handlers = {}, initialStoreHash: string | null = null) {
  const fake = createFakeBridge(handlers);
  render(<OptionsPage bridge={fake.bridge} initialStoreHash={initialStoreHash} />);
  await settle();
  return fake;
}

async function chooseFile(label: string, file: File) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  await settle();
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

describe('options page', () => {
  test('links the privacy policy, PRIVACY.md on the homepage named in package.json', async () => {
    await renderOptions();
    const { homepage } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      homepage: string;
    };
    const link = screen.getByRole('link', { name: 'Privacy policy' });
    expect(link.getAttribute('href')).toBe(`${homepage}/blob/main/PRIVACY.md`);
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  test('"Spreadsheet-friendly CSV" shows the background\'s choice and saves the merchant\'s', async () => {
    const fake = await renderOptions({
      getSpreadsheetCsv: () => ({ ok: true, value: { on: true, chosen: false } }),
    });
    const box = screen.getByRole('checkbox', {
      name: 'Spreadsheet-friendly CSV',
    }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.getAttribute('aria-describedby')).toBe('bcm-spreadsheet-csv-hint');
    fireEvent.click(box);
    await settle();
    expect(box.checked).toBe(false);
    expect(fake.sent('setSpreadsheetCsv')).toEqual([{ on: false }]);
  });

  test('fields, prefill from ?store=, password field without autocomplete', async () => {
    await renderOptions({}, 'abc123');
    expect(field('Store hash').value).toBe('abc123');
    const token = field('Access token');
    expect(token.type).toBe('password');
    expect(token.getAttribute('autocomplete')).toBe('off');
    expect(screen.getByRole('button', { name: 'Save store' })).toBeTruthy();
    expect(screen.getByText(/Marketing/, { selector: 'strong' })).toBeTruthy();
  });

  test('"Import API account file" fills the fields from the downloaded .txt, secret ignored', async () => {
    await renderOptions();
    await chooseFile(
      'Import API account file',
      new File([ACCOUNT_FILE], 'bigcommerce-api.txt', { type: 'text/plain' }),
    );
    expect(field('Store hash').value).toBe('def456');
    expect(field('Access token').value).toBe(TOKEN);
    expect(document.body.textContent).toMatch(/Filled in from bigcommerce-api\.txt/);
    expect(document.body.innerHTML).not.toContain('csecret');
    expect(document.body.innerHTML).not.toContain('cid0000');
  });

  test('a file that is not an API account file is explained', async () => {
    await renderOptions();
    await chooseFile('Import API account file', new File(['hello'], 'notes.txt'));
    expect(screen.getByRole('alert').textContent).toMatch(/ACCESS TOKEN/);
    expect(field('Access token').value).toBe('');
  });

  test('Save store sends saveStore, says ok, clears the token, refreshes the list', async () => {
    let stores: StoreView[] = [];
    const fake = await renderOptions({
      saveStore: () => {
        stores = [{ ...STORE_MODIFY, storeHash: 'def456' }];
        return { ok: true, value: { ok: true, access: 'modify', message: '' } };
      },
      listStores: () => ({ ok: true, value: stores }),
    });
    expect(screen.getByText('No store is connected yet.')).toBeTruthy();
    await chooseFile('Import API account file', new File([ACCOUNT_FILE], 'api.txt'));
    fireEvent.click(screen.getByRole('button', { name: 'Save store' }));
    await settle();
    expect(fake.sent('saveStore')).toEqual([{ storeHash: 'def456', token: TOKEN }]);
    expect(screen.getByRole('status').textContent).toMatch(
      /Store def456 is connected with full access/,
    );
    expect(field('Access token').value).toBe('');
    expect(screen.getByText('Store def456')).toBeTruthy();
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  test('a wrong token: the check message as an alert, the token kept to fix', async () => {
    await renderOptions(
      {
        saveStore: () => ({
          ok: true,
          value: {
            ok: false,
            access: 'unknown',
            message:
              'BigCommerce did not accept this token (401). Check that you copied the whole access token.',
          },
        }),
      },
      'abc123',
    );
    fireEvent.input(field('Access token'), { target: { value: 'wrongtoken' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save store' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/did not accept this token/);
    expect(field('Access token').value).toBe('wrongtoken');
  });

  test('missing Marketing modify scope: read-only, export only', async () => {
    await renderOptions(
      {
        saveStore: () => ({
          ok: true,
          value: {
            ok: true,
            access: 'read-only',
            message: 'The API account lacks Marketing: modify.',
          },
        }),
      },
      'abc123',
    );
    fireEvent.input(field('Access token'), { target: { value: 'readonlytoken' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save store' }));
    await settle();
    expect(screen.getByRole('status').textContent).toMatch(
      /read-only access: you can export codes, but not generate or purge/,
    );
  });

  test('empty or wrong fields: messages, no request', async () => {
    const fake = await renderOptions();
    fireEvent.click(screen.getByRole('button', { name: 'Save store' }));
    await settle();
    expect(field('Store hash').getAttribute('aria-invalid')).toBe('true');
    expect(field('Access token').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Store hash'));
    fireEvent.input(field('Store hash'), {
      target: { value: 'https://store-abc123.mybigcommerce.com/manage' },
    });
    fireEvent.input(field('Access token'), { target: { value: 'has spaces in it' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save store' }));
    await settle();
    expect(field('Store hash').getAttribute('aria-invalid')).toBeNull();
    expect(field('Access token').getAttribute('aria-invalid')).toBe('true');
    expect(fake.sent('saveStore')).toEqual([]);
  });

  test('connected stores with access level; Remove asks first', async () => {
    let stores: StoreView[] = [STORE_MODIFY, { ...STORE_READ_ONLY, storeHash: 'ro999' }];
    const fake = await renderOptions({
      listStores: () => ({ ok: true, value: stores }),
      removeStore: ({ storeHash }) => {
        stores = stores.filter((s) => s.storeHash !== storeHash);
        return { ok: true, value: null };
      },
    });
    const list = screen.getByRole('list', { name: 'Connected stores' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(list.textContent).toMatch(/Full access \(Marketing: modify\)/);
    expect(list.textContent).toMatch(/Read-only access/);
    const [removeFirst] = screen.getAllByRole('button', { name: 'Remove' });
    fireEvent.click(removeFirst!);
    await settle();
    // Nothing removed before the merchant says yes; "Keep" is focused.
    expect(fake.sent('removeStore')).toEqual([]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await settle();
    expect(fake.sent('removeStore')).toEqual([{ storeHash: 'abc123' }]);
    expect(
      within(screen.getByRole('list', { name: 'Connected stores' })).getAllByRole('listitem'),
    ).toHaveLength(1);
  });

  test('Remove names what goes with the store: its jobs, kept files and their size', async () => {
    const fake = await renderOptions({
      storeFootprint: () => ({
        ok: true,
        value: { jobs: 3, unfinished: 1, files: 2, bytes: 1_572_864 },
      }),
    });
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[0]!);
    await settle();
    expect(fake.sent('storeFootprint')).toEqual([{ storeHash: 'abc123' }]);
    const question = screen.getByRole('group', { name: 'Remove store abc123?' }).textContent ?? '';
    expect(question).toContain(
      'Remove store abc123, its token, 3 jobs and 2 kept files (1.5 MB) from the extension? 1 unfinished job is cancelled.',
    );
    expect(fake.sent('removeStore')).toEqual([]);
  });
});

describe('files kept in the extension', () => {
  const backup: KeptFileView = {
    jobId: 'p1',
    jobKind: 'purge',
    kind: 'purge-backup',
    filename: 'abc123-promotion-42-purge-backup-20261201-100000.csv',
    rows: 400,
    bytes: 24_000,
    storeHash: 'abc123',
    promotionId: 42,
    promotionName: 'Summer sale',
    createdAt: Date.UTC(2026, 11, 1),
    keepUntil: Date.UTC(2026, 11, 31),
    listed: false,
  };
  const exported: KeptFileView = {
    ...backup,
    jobId: 'e1',
    jobKind: 'export',
    kind: 'export',
    filename: 'abc123-promotion-42-export.csv',
    bytes: 1_000,
    keepUntil: null,
    listed: true,
  };

  test('lists them with their size, and each removal asks first, naming the file (a backup: until when it is kept)', async () => {
    let files = [backup, exported];
    const fake = await renderOptions({
      listKeptFiles: () => ({ ok: true, value: files }),
      removeKeptFile: ({ jobId }) => {
        files = files.filter((f) => f.jobId !== jobId);
        return { ok: true, value: null };
      },
    });
    const section = screen.getByRole('list', { name: 'Files kept in the extension' });
    expect(within(section).getAllByRole('listitem')).toHaveLength(2);
    expect(section.textContent).toMatch(
      /400 rows · 23 KB · store abc123 · kept until Dec 31, 2026 · its job was removed from the list/,
    );
    expect(screen.getByText(/2 files, 24 KB\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `Remove ${backup.filename}` }));
    const question = screen.getByRole('group', { name: 'Remove kept files?' }).textContent ?? '';
    expect(question).toMatch(
      new RegExp(
        `Remove ${backup.filename}\\? It is the backup of a purge, kept until Dec 31, 2026`,
      ),
    );
    expect(fake.sent('removeKeptFile')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove all files' }));
    expect(screen.getByRole('group', { name: 'Remove kept files?' }).textContent).toMatch(
      new RegExp(
        `Remove all 2 files kept in the extension\\? This includes the backup of a purge kept for 30 days: ${backup.filename}`,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await settle();
    expect(fake.sent('removeKeptFile')).toEqual([
      { jobId: 'p1', kind: 'purge-backup', confirmed: true },
      { jobId: 'e1', kind: 'export', confirmed: true },
    ]);
    expect(screen.getByText(/No files are kept\./)).toBeTruthy();
  });

  test('one row and one file are said in the singular', async () => {
    await renderOptions({
      listKeptFiles: () => ({ ok: true, value: [{ ...backup, rows: 1, bytes: 60 }] }),
    });
    const section = screen.getByRole('list', { name: 'Files kept in the extension' });
    expect(section.textContent).toMatch(/ · 1 row · 60 bytes · /);
    expect(section.textContent).not.toMatch(/1 rows/);
    expect(screen.getByText(/^1 file, 60 bytes\./)).toBeTruthy();
  });
});
