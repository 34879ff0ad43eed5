// @vitest-environment happy-dom
/**
 * Notifications and keeping awake: the settings' switches ask for the optional permission on
 * the merchant's click; refused, they say so and nothing else changes. Which job changes make
 * a notice, in what words.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { AlertSettings } from '@/components/alerts/AlertSettings';
import type { JobStatus } from '@/utils/jobs/types';
import { noticesFor } from '@/utils/ui/notice-text';
import type { OptionalPermission, Permissions } from '@/utils/ui/permissions';
import { createFakeBridge } from './fake-bridge';
import { makeJob } from './fixtures';
import { settle } from './render-panel';

afterEach(cleanup);

function fakePermissions(
  answer: boolean,
  offered: OptionalPermission[] = ['notifications', 'power'],
) {
  const granted = new Set<OptionalPermission>();
  const asked: OptionalPermission[] = [];
  const permissions: Permissions = {
    offered: (name) => offered.includes(name),
    has: async (name) => granted.has(name),
    request: async (name) => {
      asked.push(name);
      if (answer) granted.add(name);
      return answer;
    },
    remove: async (name) => {
      granted.delete(name);
    },
  };
  return { permissions, asked };
}

const notify = () => screen.getByLabelText(/^Notify me when a job completes/) as HTMLInputElement;

describe('AlertSettings', () => {
  test('refused by the browser: unchecked, said plainly, the setting left off', async () => {
    const fake = createFakeBridge();
    const { permissions, asked } = fakePermissions(false);
    render(<AlertSettings bridge={fake.bridge} permissions={permissions} />);
    await settle();
    expect(notify().checked).toBe(false);
    fireEvent.click(notify());
    await settle();
    expect(asked).toEqual(['notifications']);
    expect(fake.sent('setAlerts')).toEqual([{ notifications: false }]);
    expect(screen.getByRole('status').textContent).toBe(
      'The browser did not allow notifications. Everything else works as before.',
    );
    expect(notify().checked).toBe(false);
  });

  test('allowed: on; turned off again by the setting (the permission kept)', async () => {
    let on = false;
    const fake = createFakeBridge({
      getAlerts: () => ({ ok: true, value: { notifications: on, offered: true } }),
      setAlerts: (d) => {
        on = d.notifications;
        return { ok: true, value: { notifications: on, offered: true } };
      },
    });
    const { permissions } = fakePermissions(true);
    render(<AlertSettings bridge={fake.bridge} permissions={permissions} />);
    await settle();
    fireEvent.click(notify());
    await settle();
    expect(notify().checked).toBe(true);
    fireEvent.click(notify());
    await settle();
    expect(fake.sent('setAlerts')).toEqual([{ notifications: true }, { notifications: false }]);
    expect(notify().checked).toBe(false);
  });

  test('keeping awake is offered only where the browser has it (not Firefox)', async () => {
    const { permissions, asked } = fakePermissions(true, ['notifications']);
    render(<AlertSettings bridge={createFakeBridge().bridge} permissions={permissions} />);
    await settle();
    expect(screen.queryByLabelText(/Keep this computer awake/)).toBeNull();
    cleanup();
    const chrome = fakePermissions(true);
    render(<AlertSettings bridge={createFakeBridge().bridge} permissions={chrome.permissions} />);
    await settle();
    fireEvent.click(screen.getByLabelText(/Keep this computer awake/));
    await settle();
    expect(chrome.asked).toEqual(['power']);
    expect(asked).toEqual([]);
  });
});

describe('noticesFor', () => {
  const seen = (status: JobStatus) => new Map([['job-1', status]]);
  test('complete, paused by errors, failed, waiting for confirmation: one notice each', () => {
    expect(
      noticesFor(seen('running'), [
        makeJob({
          status: 'completed',
          progress: { done: 10_000, total: 10_000, ratePerSecond: 0, etaMs: null, wait: null },
        }),
      ]),
    ).toEqual([
      {
        jobId: 'job-1',
        title: 'Generate codes on “Summer sale”',
        message: 'Completed: 10,000 codes generated.',
      },
    ]);
    expect(
      noticesFor(seen('running'), [makeJob({ status: 'paused', error: 'The store is down.' })])[0]
        ?.message,
    ).toBe('Paused: The store is down.');
    expect(
      noticesFor(seen('running'), [makeJob({ status: 'failed', error: 'Boom.' })]),
    ).toHaveLength(1);
    expect(
      noticesFor(seen('running'), [
        makeJob({
          kind: 'purge',
          status: 'awaiting-confirmation',
          purge: {
            plannedAt: 1,
            mode: 'all',
            targetCount: 1200,
            notFound: null,
            deleted: 0,
            failed: 0,
          },
        }),
      ])[0]?.message,
    ).toBe(
      '1,200 codes are ready to delete, with the backup saved. Nothing is deleted until you confirm.',
    );
  });
  test('no notice for a pause the merchant asked for, for a job not seen before, or for no change', () => {
    expect(noticesFor(seen('running'), [makeJob({ status: 'paused' })])).toEqual([]);
    expect(noticesFor(new Map(), [makeJob({ status: 'completed' })])).toEqual([]);
    expect(noticesFor(seen('completed'), [makeJob({ status: 'completed' })])).toEqual([]);
  });
});
