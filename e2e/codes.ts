/** What the downloaded CSV files must hold, built from the sandbox's own view of the codes. */
import { expect } from 'vitest';
import type { CodeView } from '../sandbox/server';
import { readCsv, type Launched } from './harness';
import { fileOf } from './setup';

export const EXPORT_HEADER = [
  'id',
  'code',
  'current_uses',
  'max_uses',
  'max_uses_per_customer',
  'created',
];
export const GENERATED_HEADER = ['code', 'max_uses', 'max_uses_per_customer'];

export function exportRow(c: CodeView): string[] {
  return [
    String(c.id),
    c.code,
    String(c.current_uses),
    String(c.max_uses),
    String(c.max_uses_per_customer),
    c.created,
  ];
}

/** An export (or purge backup) file equals these codes exactly: header, every column, order by id. */
export async function expectExportFile(path: string, codes: readonly CodeView[]): Promise<void> {
  const rows = await readCsv(path);
  expect(rows[0]).toEqual(EXPORT_HEADER);
  const body = rows.slice(1);
  expect(body.length).toBe(codes.length);
  const sorted = [...body].sort((a, b) => Number(a[0]) - Number(b[0]));
  expect(sorted).toEqual([...codes].sort((a, b) => a.id - b.id).map(exportRow));
}

export const UNATTRIBUTED_HEADER = ['id', 'code', 'max_uses', 'max_uses_per_customer', 'created'];

/**
 * What "exactly N" means, checked on the files a generate job left: its file lists exactly
 * `count` codes, each once, each new in the store with the settings the store holds for it;
 * every other code the promotion gained is in the "not made by this job" file (which then must
 * have been saved too); and every code that was there before is still there (nothing deleted).
 */
export async function expectGeneratedFiles(
  l: Launched,
  store: { storeHash: string },
  promotionId: number,
  before: readonly CodeView[],
  count: number,
): Promise<{ fresh: CodeView[]; others: CodeView[] }> {
  const after = l.sandbox.codes(promotionId, store.storeHash);
  const ids = new Set(after.map((c) => c.id));
  expect(before.filter((c) => !ids.has(c.id))).toEqual([]);
  const rows = await readCsv(await l.waitForDownload(fileOf(store, promotionId, 'generated')));
  expect(rows[0]).toEqual(GENERATED_HEADER);
  const body = rows.slice(1);
  expect(body.length).toBe(count);
  expect(new Set(body.map((r) => r[0])).size).toBe(count);
  const known = new Set(before.map((c) => c.id));
  const gained = after.filter((c) => !known.has(c.id));
  const inFile = new Set(body.map((r) => r[0]));
  const fresh = gained.filter((c) => inFile.has(c.code));
  expect(fresh.length).toBe(count);
  const byCode = (a: string[], b: string[]) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);
  expect([...body].sort(byCode)).toEqual(
    fresh.map((c) => [c.code, String(c.max_uses), String(c.max_uses_per_customer)]).sort(byCode),
  );
  const others = gained.filter((c) => !inFile.has(c.code));
  if (others.length) {
    const listed = await readCsv(
      await l.waitForDownload(fileOf(store, promotionId, 'unattributed')),
    );
    expect(listed[0]).toEqual(UNATTRIBUTED_HEADER);
    expect(listed.slice(1).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      others.map((c) => [
        String(c.id),
        c.code,
        String(c.max_uses),
        String(c.max_uses_per_customer),
        c.created,
      ]),
    );
  }
  return { fresh, others };
}
