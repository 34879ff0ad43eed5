/**
 * Jobs' stop marks live in session storage, one key a job: apart from the job records, and
 * kept across worker restarts within the browser session.
 */
import { beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionStopMarks } from '../../utils/storage/stop-marks';

beforeEach(() => fakeBrowser.reset());

it('marks, reads and clears a job, each job apart, in session storage', async () => {
  const marks = createSessionStopMarks();
  await Promise.all([marks.add('a'), marks.add('b')]);
  expect(await marks.has('a')).toBe(true);
  expect(await createSessionStopMarks().has('b')).toBe(true); // a restarted worker's
  await marks.remove('a');
  expect(await marks.has('a')).toBe(false);
  expect(await marks.has('b')).toBe(true);
  expect(Object.keys(await fakeBrowser.storage.session.get())).toEqual(['jobStopped:b']);
  expect(await fakeBrowser.storage.local.get()).toEqual({});
});
