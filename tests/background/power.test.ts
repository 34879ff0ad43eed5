/**
 * Keeping the computer awake while codes are written: only with the optional `power`
 * permission, only while a writing job runs, released when none does (WxtVitest's fake browser).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPowerHold, writingUnderWay } from '../../utils/background/power';
import { makeJob } from '../ui/fixtures';

const power = { requestKeepAwake: vi.fn(), releaseKeepAwake: vi.fn() };

afterEach(() => {
  vi.restoreAllMocks();
  power.requestKeepAwake.mockReset();
  power.releaseKeepAwake.mockReset();
  delete (fakeBrowser as unknown as { power?: unknown }).power;
});

function grant(granted: boolean) {
  (fakeBrowser as unknown as { power?: unknown }).power = granted ? power : undefined;
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(
    (async () => granted) as unknown as typeof fakeBrowser.permissions.contains,
  );
}

describe('writingUnderWay', () => {
  it('a generate, import, pattern, purge or delete running or queued; not an export, not a pause', () => {
    expect(writingUnderWay([makeJob({ status: 'running' })])).toBe(true);
    expect(writingUnderWay([makeJob({ kind: 'purge', status: 'queued' })])).toBe(true);
    expect(writingUnderWay([makeJob({ kind: 'export', status: 'running' })])).toBe(false);
    expect(writingUnderWay([makeJob({ status: 'paused' })])).toBe(false);
    expect(writingUnderWay([])).toBe(false);
  });
});

describe('createPowerHold', () => {
  it('with the permission: asks once while writing, releases when done', async () => {
    grant(true);
    const update = createPowerHold();
    await update(true);
    await update(true);
    expect(power.requestKeepAwake).toHaveBeenCalledTimes(1);
    expect(power.requestKeepAwake).toHaveBeenCalledWith('system');
    await update(false);
    expect(power.releaseKeepAwake).toHaveBeenCalledTimes(1);
  });

  it('without it: nothing is asked, nothing breaks', async () => {
    grant(false);
    const update = createPowerHold();
    await update(true);
    await update(false);
    expect(power.requestKeepAwake).not.toHaveBeenCalled();
  });
});
