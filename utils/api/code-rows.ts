import { CODE_MAX_LENGTH } from '../vocabulary';
import type { CouponCode } from './schemas';

/**
 * Checks the rows of a page of codes, by hand rather than with CouponCodeSchema.
 *
 * Why: this runs on every code of every export and purge (a million rows in a big job), and
 * zod allocates a result and an issue list per field on top of its copy of each row: about
 * 550 bytes a code against about 60 here. In a service worker that garbage is what the
 * heap's peak is made of. CouponCodeSchema stays the definition: tests/api/code-rows.test.ts
 * checks that both accept, refuse and return the same on generated inputs.
 *
 * Returns fresh rows holding only the known fields (unknown ones are dropped, as zod
 * does, so they never reach the spool), with the spec's defaults filled in; or the first
 * problem, as `path: message`.
 */
export function readCouponCodes(
  data: readonly unknown[],
  path = 'data',
): CouponCode[] | { problem: string } {
  const out: CouponCode[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      return { problem: `${path}.${i}: expected an object` };
    const r = row as Record<string, unknown>;
    const { id, code, current_uses, created } = r;
    const max_uses = r.max_uses === undefined ? 0 : r.max_uses;
    const max_uses_per_customer =
      r.max_uses_per_customer === undefined ? 0 : r.max_uses_per_customer;
    if (!isCount(id) || id === 0) return badField(path, i, 'id', 'a whole number above 0');
    if (typeof code !== 'string' || code.length < 1 || code.length > CODE_MAX_LENGTH)
      return badField(path, i, 'code', `a text of 1 to ${CODE_MAX_LENGTH} characters`);
    if (!isCount(current_uses))
      return badField(path, i, 'current_uses', 'a whole number, 0 or more');
    if (!isCount(max_uses)) return badField(path, i, 'max_uses', 'a whole number, 0 or more');
    if (!isCount(max_uses_per_customer))
      return badField(path, i, 'max_uses_per_customer', 'a whole number, 0 or more');
    if (typeof created !== 'string') return badField(path, i, 'created', 'a text');
    out[i] = { id, code, current_uses, max_uses, max_uses_per_customer, created };
  }
  return out;
}

/** Built only when a row is refused: nothing per row on the way through. */
function badField(path: string, i: number, field: string, what: string): { problem: string } {
  return { problem: `${path}.${i}.${field}: expected ${what}` };
}

/** A safe integer >= 0 (zod's `.int().min(0)`). */
function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
