/** What the downloaded CSV files must hold, built from the sandbox's own view of the codes. */
import { expect } from 'vitest';
import type { CodeView } from '../sandbox/server';
import { readCsv } from './harness';

export const EXPORT_HEADER = ['id', 'code', 'current_uses', 'max_uses', 'max_uses_per_customer', 'created'];
export const GENERATED_HEADER = ['code', 'max_uses', 'max_uses_per_customer'];

export function exportRow(c: CodeView): string[] {
  return [String(c.id), c.code, String(c.current_uses), String(c.max_uses), String(c.max_uses_per_customer), c.created];
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

/**
 * A generate job's file lists exactly the codes that are new in the store (after minus before),
 * each once, with the settings the store holds for it.
 */
export async function expectGeneratedFile(path: string, before: readonly CodeView[], after: readonly CodeView[], count: number): Promise<CodeView[]> {
  const rows = await readCsv(path);
  expect(rows[0]).toEqual(GENERATED_HEADER);
  const body = rows.slice(1);
  const known = new Set(before.map((c) => c.id));
  const fresh = after.filter((c) => !known.has(c.id));
  expect(fresh.length).toBe(count);
  expect(body.length).toBe(count);
  expect(new Set(body.map((r) => r[0])).size).toBe(count);
  const expected = fresh.map((c) => [c.code, String(c.max_uses), String(c.max_uses_per_customer)]);
  const byCode = (a: string[], b: string[]) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);
  expect([...body].sort(byCode)).toEqual(expected.sort(byCode));
  return fresh;
}
