// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PopupPage, orderJobs } from '@/components/popup/PopupPage';
import { createFakeBridge } from './fake-bridge';
import { NOW, makeJob } from './fixtures';
import { settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const running = makeJob({
  id: 'run-1',
  storeHash: 'abc123',
  promotionName: 'Summer sale',
  progress: { done: 2_500, total: 10_000, ratePerSecond: 400, etaMs: 19_000, wait: null },
});
const done = makeJob({
  id: 'done-1',
  kind: 'export',
  storeHash: 'zzz999',
  promotionId: 7,
  promotionName: 'Winter sale',
  status: 'completed',
  progress: { done: 800, total: 800, ratePerSecond: 0, etaMs: null, wait: null },
  files: [{ kind: 'export', filename: 'zzz999-7-export.csv', rows: 800 }],
  createdAt: NOW - 3_600_000,
  finishedAt: NOW - 3_000_000,
});

async function renderPopup(jobs = [running, done]) {
  const fake = createFakeBridge({}, jobs);
  const onSettingsOpened = vi.fn();
  render(<PopupPage bridge={fake.bridge} onSettingsOpened={onSettingsOpened} />);
  await settle();
  return { fake, onSettingsOpened };
}

describe('popup', () => {
  test('empty state in words', async () => {
    await renderPopup([]);
    expect(screen.getByText(/No jobs yet/)).toBeTruthy();
  });

  test('running and recent jobs across stores with progress and controls', async () => {
    const { fake } = await renderPopup();
    const items = within(screen.getByRole('list', { name: 'Jobs' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    expect(first.textContent).toMatch(/Generate codes/);
    expect(first.textContent).toMatch(/Summer sale/);
    expect(first.textContent).toMatch(/store abc123/);
    expect(first.textContent).toMatch(/Running/);
    const bar = within(first).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('2500');
    expect(bar.getAttribute('aria-valuemax')).toBe('10000');
    expect(second.textContent).toMatch(/Export codes/);
    expect(second.textContent).toMatch(/Winter sale/);
    expect(second.textContent).toMatch(/store zzz999/);
    expect(within(second).getByRole('status').textContent).toBe('Completed: 800 codes exported.');

    fireEvent.click(within(first).getByRole('button', { name: 'Pause' }));
    await settle();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'run-1', action: 'pause' }]);
    fireEvent.click(within(second).getByRole('button', { name: 'Download CSV again' }));
    await settle();
    expect(fake.sent('downloadFile')).toEqual([{ jobId: 'done-1', fileKind: 'export' }]);
    fireEvent.click(within(second).getByRole('button', { name: 'Remove from list' }));
    await settle();
    expect(fake.sent('removeJob')).toEqual([{ jobId: 'done-1' }]);
  });

  test('updates from the feed', async () => {
    const { fake } = await renderPopup([running]);
    await fake.pushJobs([{ ...running, status: 'paused' }]);
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
  });

  test('"Open settings" asks the background to open them', async () => {
    const { fake, onSettingsOpened } = await renderPopup([]);
    fireEvent.click(screen.getByRole('link', { name: 'Open settings' }));
    await settle();
    expect(fake.sent('openOptions')).toEqual([{}]);
    expect(onSettingsOpened).toHaveBeenCalled();
  });

  test('order: unfinished first, newest first', () => {
    const older = { ...running, id: 'old', createdAt: NOW - 10_000_000 };
    expect(orderJobs([done, older, running]).map((j) => j.id)).toEqual(['run-1', 'old', 'done-1']);
  });

  test('"Remove from list" on a purge says its backup stays in the extension, and until when', async () => {
    const purge = makeJob({
      id: 'purge-9',
      kind: 'purge',
      status: 'completed',
      finishedAt: NOW,
      files: [{ kind: 'purge-backup', filename: 'b.csv', rows: 5 }],
    });
    const { fake } = await renderPopup([purge]);
    // The fake answers as the background does for a purge whose backup must be kept.
    const until = Date.UTC(2027, 0, 4, 12);
    fake.handlers.removeJob = () => ({ ok: true, value: { keptUntil: until } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove from list' }));
    await settle();
    expect(fake.sent('removeJob')).toEqual([{ jobId: 'purge-9' }]);
    expect(screen.getByText(/^Removed from the list/).textContent).toMatch(
      /Removed from the list\. Its backup file is kept in the extension until Jan 4, 2027/,
    );
  });
});
