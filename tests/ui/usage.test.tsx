// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { JobCard } from '@/components/JobCard';
import { UsageChart, usageSegments } from '@/components/UsageChart';
import { usageOf, type Usage } from '@/utils/codes/usage';
import { busiestDay, labelledDays, shortDay, usageSentence } from '@/utils/ui/usage-text';
import { NOW, makeJob } from './fixtures';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const TWELVE_THOUSAND: Usage = {
  total: 12_000,
  unused: 9_500,
  used: 2_500,
  usedUp: 2_000,
  unlimited: 0,
  perDay: [
    { day: '2026-11-30', codes: 1_000 },
    { day: '2026-12-01', codes: 10_000 },
    { day: '2026-12-02', codes: 1_000 },
  ],
};
const NONE: Usage = { total: 0, unused: 0, used: 0, usedUp: 0, unlimited: 0, perDay: [] };

describe('the usage sentence', () => {
  test('counts, and the day most codes were made', () => {
    expect(usageSentence(TWELVE_THOUSAND)).toBe(
      '12,000 codes: 9,500 unused, 2,500 used (2,000 used up), 0 unlimited; made on 3 days, most on Dec 1, 2026 (10,000).',
    );
  });

  test('a promotion with 0 codes', () => {
    expect(usageSentence(NONE)).toBe('0 codes: the promotion holds no codes, so none are used.');
    expect(busiestDay(NONE)).toBeNull();
  });

  test('one code made on one day, unlimited', () => {
    const u = usageOf([{ current_uses: 4, max_uses: 0, created: '2026-05-01T10:00:00+00:00' }]);
    expect(usageSentence(u)).toBe(
      '1 code: 0 unused, 1 used (0 used up), 1 unlimited; all made on May 1, 2026.',
    );
  });

  test('equal days: the earliest is named; a day the store did not say is "an unknown day"', () => {
    const u = usageOf([
      { current_uses: 0, max_uses: 1, created: 'garbage' },
      { current_uses: 0, max_uses: 1, created: '2026-05-01T10:00:00+00:00' },
      { current_uses: 0, max_uses: 1, created: 'nonsense' },
    ]);
    expect(usageSentence(u)).toBe(
      '3 codes: 3 unused, 0 used (0 used up), 0 unlimited; made on 2 days, most on an unknown day (2).',
    );
    expect(
      busiestDay({
        ...NONE,
        perDay: [
          { day: 'a', codes: 2 },
          { day: 'b', codes: 2 },
        ],
      }),
    ).toEqual({ day: 'a', codes: 2 });
  });
});

describe('the usage chart', () => {
  test('an image named by the sentence; the bar split in proportion; one small bar a day', () => {
    const { container } = render(<UsageChart usage={TWELVE_THOUSAND} id="t" />);
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-labelledby')).toBe('t-usage');
    expect(container.querySelector('#t-usage')?.textContent).toBe(usageSentence(TWELVE_THOUSAND));
    const width = (cls: string) =>
      Number(container.querySelector(`rect.${cls}`)?.getAttribute('width'));
    expect(width('bcm-usage-unused')).toBeCloseTo((9_500 / 12_000) * 300);
    expect(width('bcm-usage-used')).toBeCloseTo((500 / 12_000) * 300);
    expect(width('bcm-usage-used-up')).toBeCloseTo((2_000 / 12_000) * 300);
    const days = [...container.querySelectorAll('rect.bcm-usage-day')];
    expect(days).toHaveLength(3);
    const heights = days.map((d) => Number(d.getAttribute('height')));
    expect(heights[1]).toBe(Math.max(...heights));
    expect(heights[0]).toBeCloseTo(heights[1]! / 10);
    expect(days[1]!.textContent).toBe('Dec 1, 2026: 10,000');
  });

  test('each day bar carries its date while they fit; many days: the first and the last', () => {
    const { container } = render(<UsageChart usage={TWELVE_THOUSAND} id="t" />);
    const dates = [...container.querySelectorAll('text.bcm-usage-date')].map((t) => t.textContent);
    expect(dates).toEqual(['Nov 30', 'Dec 1', 'Dec 2']);
    cleanup();
    const perDay = Array.from({ length: 20 }, (_, i) => ({
      day: `2026-01-${String(i + 1).padStart(2, '0')}`,
      codes: 10,
    }));
    const { container: many } = render(
      <UsageChart usage={{ ...TWELVE_THOUSAND, perDay }} id="m" />,
    );
    expect([...many.querySelectorAll('text.bcm-usage-date')].map((t) => t.textContent)).toEqual([
      'Jan 1',
      'Jan 20',
    ]);
    expect(labelledDays(6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(labelledDays(7)).toEqual([0, 6]);
    expect(shortDay('2026-12-01')).toBe('Dec 1');
    expect(shortDay('unknown')).toBe('?');
  });

  test('the parts add up to the total', () => {
    expect(usageSegments(TWELVE_THOUSAND).reduce((n, s) => n + s.codes, 0)).toBe(12_000);
  });

  test('0 codes: an empty bar, no day bars, still named', () => {
    const { container } = render(<UsageChart usage={NONE} id="z" />);
    expect(
      container.querySelectorAll(
        'rect.bcm-usage-unused, rect.bcm-usage-used, rect.bcm-usage-used-up, rect.bcm-usage-day',
      ),
    ).toHaveLength(0);
    expect(container.querySelector('#z-usage')?.textContent).toBe(usageSentence(NONE));
  });
});

describe('on the job card', () => {
  const noop = () => {};

  test('a finished export shows its usage, with the summary line', () => {
    const job = makeJob({
      kind: 'export',
      status: 'completed',
      usage: TWELVE_THOUSAND,
      finishedAt: NOW,
      progress: { done: 12_000, total: 12_000, ratePerSecond: 0, etaMs: null, wait: null },
    });
    render(<JobCard job={job} onControl={noop} onDownload={noop} />);
    const card = screen.getByRole('article');
    expect(within(card).getByRole('img').getAttribute('aria-labelledby')).toBe(
      'bcm-job-job-1-usage',
    );
    expect(within(card).getByText(/^12,000 codes: 9,500 unused/)).toBeTruthy();
  });

  test('a usage report: no download, the chart and "the usage of N codes was read"', () => {
    const job = makeJob({
      kind: 'export',
      status: 'completed',
      reportOnly: true,
      usage: NONE,
      finishedAt: NOW,
      progress: { done: 0, total: 0, ratePerSecond: 0, etaMs: null, wait: null },
    });
    render(<JobCard job={job} onControl={noop} onDownload={noop} />);
    expect(screen.getByRole('heading').textContent).toBe('Usage reportCompleted');
    expect(screen.getByRole('status').textContent).toBe(
      'Completed: the usage of 0 codes was read.',
    );
    expect(screen.getByRole('img')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Download/ })).toBeNull();
  });

  test('a usage report under way names its progress for what it does, not an export', () => {
    const job = makeJob({
      kind: 'export',
      reportOnly: true,
      progress: { done: 500, total: 2_000, ratePerSecond: 100, etaMs: 15_000, wait: null },
    });
    render(<JobCard job={job} onControl={noop} onDownload={noop} />);
    expect(
      screen
        .getByRole('progressbar', { name: 'Reading how codes are used' })
        .getAttribute('aria-valuenow'),
    ).toBe('500');
  });

  test("a purge's reading is said to be from before it deleted", () => {
    const job = makeJob({
      kind: 'purge',
      status: 'completed',
      usage: TWELVE_THOUSAND,
      finishedAt: NOW,
      progress: { done: 9_500, total: 9_500, ratePerSecond: 0, etaMs: null, wait: null },
    });
    render(<JobCard job={job} onControl={noop} onDownload={noop} />);
    expect(
      screen.getByRole('img', { name: /^Before the purge: 12,000 codes: 9,500 unused/ }),
    ).toBeTruthy();
  });

  test('no usage read: no chart', () => {
    render(<JobCard job={makeJob()} onControl={noop} onDownload={noop} />);
    expect(screen.queryByRole('img')).toBeNull();
  });
});
