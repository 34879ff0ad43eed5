/**
 * Opaque list cursors, shaped like the spec's example (eyJpZCI6IjIzNzU1NyJ9 =
 * base64 of {"id":"237557"}), but base64url without padding so that they are
 * safe in a query string. Clients must pass them back verbatim.
 */
export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id: String(id) }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,200}={0,2}$/.test(cursor)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const id = (parsed as { id?: unknown }).id;
    if (typeof id !== 'string' || !/^\d{1,16}$/.test(id)) return null;
    const n = Number(id);
    return Number.isSafeInteger(n) ? n : null;
  } catch {
    return null;
  }
}
