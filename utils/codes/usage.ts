/**
 * How a promotion's codes are used, at a glance: how many are unused, used, used up (their uses
 * reached their limit), unlimited, and how many were made each day. Pure: counted as the rows
 * of an export or a purge's scan go by, a page at a time.
 */

export interface Usage {
  total: number;
  unused: number;
  /** Redeemed at least once. */
  used: number;
  /** Redeemed as many times as they may be (current uses reached max uses). */
  usedUp: number;
  /** No limit on uses (max_uses 0). */
  unlimited: number;
  /** Codes made per day (YYYY-MM-DD on the merchant's clock), oldest first. */
  perDay: Array<{ day: string; codes: number }>;
}

interface Row {
  current_uses: number;
  max_uses: number;
  created: string;
}

/** Minutes the merchant's clock is ahead of UTC at a moment (the zone this code runs in). */
export type ZoneOffset = (ms: number) => number;
const localOffset: ZoneOffset = (ms) => -new Date(ms).getTimezoneOffset();

/**
 * The merchant's day a code was made. BigCommerce writes the moment in UTC
 * ("2019-01-20T22:00:00+00:00"); the day is the one on the merchant's clock, which the
 * background shares with the pages (the same browser).
 */
export function dayOf(created: string, offset: ZoneOffset = localOffset): string {
  const ms = Date.parse(created);
  if (!/^\d{4}-\d{2}-\d{2}/.test(created) || !Number.isFinite(ms)) return 'unknown';
  return new Date(ms + offset(ms) * 60_000).toISOString().slice(0, 10);
}

/** Adds rows to a running count (keep the result of `usageCounter()` and call `add` per page). */
export function usageCounter(offset: ZoneOffset = localOffset) {
  let total = 0;
  let unused = 0;
  let usedUp = 0;
  let unlimited = 0;
  const days = new Map<string, number>();
  let lastCreated: string | null = null;
  let lastDay = 'unknown';
  return {
    add(rows: readonly Row[]): void {
      for (const r of rows) {
        total++;
        if (r.current_uses === 0) unused++;
        if (r.max_uses === 0) unlimited++;
        else if (r.current_uses >= r.max_uses) usedUp++;
        // Codes made together share their moment: each moment's day is worked out once.
        if (r.created !== lastCreated) {
          lastCreated = r.created;
          lastDay = dayOf(r.created, offset);
        }
        days.set(lastDay, (days.get(lastDay) ?? 0) + 1);
      }
    },
    /** Adds a reading made elsewhere (one page's, counted as it was stored). */
    merge(u: Usage): void {
      total += u.total;
      unused += u.unused;
      usedUp += u.usedUp;
      unlimited += u.unlimited;
      for (const d of u.perDay) days.set(d.day, (days.get(d.day) ?? 0) + d.codes);
    },
    result(): Usage {
      const perDay = [...days]
        .map(([day, codes]) => ({ day, codes }))
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      return { total, unused, used: total - unused, usedUp, unlimited, perDay };
    },
  };
}

export function usageOf(rows: readonly Row[], offset: ZoneOffset = localOffset): Usage {
  const c = usageCounter(offset);
  c.add(rows);
  return c.result();
}
