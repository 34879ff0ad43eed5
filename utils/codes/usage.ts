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
  /** Codes made per day (UTC, YYYY-MM-DD), oldest first. */
  perDay: Array<{ day: string; codes: number }>;
}

interface Row {
  current_uses: number;
  max_uses: number;
  created: string;
}

/** Adds rows to a running count (keep the result of `usageCounter()` and call `add` per page). */
export function usageCounter() {
  let total = 0;
  let unused = 0;
  let usedUp = 0;
  let unlimited = 0;
  const days = new Map<string, number>();
  return {
    add(rows: readonly Row[]): void {
      for (const r of rows) {
        total++;
        if (r.current_uses === 0) unused++;
        if (r.max_uses === 0) unlimited++;
        else if (r.current_uses >= r.max_uses) usedUp++;
        // BigCommerce writes 2019-01-20T22:00:00+00:00: the first ten characters are the day.
        const day = /^\d{4}-\d{2}-\d{2}/.test(r.created) ? r.created.slice(0, 10) : 'unknown';
        days.set(day, (days.get(day) ?? 0) + 1);
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

export function usageOf(rows: readonly Row[]): Usage {
  const c = usageCounter();
  c.add(rows);
  return c.result();
}
