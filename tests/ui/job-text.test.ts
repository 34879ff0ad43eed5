import { describe, expect, it } from 'vitest';
import type { JobFacts } from '@/utils/jobs/types';
import { pausedText } from '@/utils/ui/job-text';
import { makeJob } from './fixtures';
import { sayMaybe } from '@/utils/ui/say';

/** What the job card says of codes a generate cannot claim (said by its kind, with its view). */
const unattributedText = (patch: Partial<JobFacts> = {}) =>
  sayMaybe(makeJob(patch).words.note) || null;

describe('codes a generate job cannot claim, in words', () => {
  it('none: nothing to say', () => {
    expect(
      unattributedText({ generate: { unattributed: 0, unanswered: 3, lost: 0, cutOff: 0 } }),
    ).toBeNull();
    expect(unattributedText()).toBeNull();
  });

  it('another writer: how many, why, that nothing was deleted, and how to remove exactly them', () => {
    const text = unattributedText({
      status: 'completed',
      generate: { unattributed: 500, unanswered: 0, lost: 0, cutOff: 0 },
    })!;
    expect(text).toMatch(
      /^500 codes that this job did not make also appeared in the promotion while it ran: another app or a person added them/,
    );
    expect(text).toMatch(
      /They were not deleted and are not in this job’s file: “Download codes not made by this job” lists them\./,
    );
    expect(text).toMatch(
      /To remove exactly them, use Purge codes › Codes from a CSV file with that file\.$/,
    );
  });

  it('unanswered requests: says the store may have made codes for them', () => {
    const text = unattributedText({
      status: 'completed',
      generate: { unattributed: 250, unanswered: 1, lost: 0, cutOff: 0 },
    })!;
    expect(text).toMatch(
      /^250 codes that this job cannot prove it made also appeared in the promotion: 1 request got no answer from BigCommerce \(a dropped connection\), and the store may have made codes for it\. Another app/,
    );
  });

  it('a job stopped by the browser with requests under way: says so', () => {
    const text = unattributedText({
      status: 'completed',
      generate: { unattributed: 2_500, unanswered: 0, lost: 0, cutOff: 1 },
    })!;
    expect(text).toMatch(
      /^2,500 codes that this job cannot prove it made also appeared in the promotion: the job was stopped while requests were under way/,
    );
  });
});

describe('a pause', () => {
  it('by the merchant, or by the job itself with its reason', () => {
    expect(pausedText(makeJob({ status: 'paused' }))).toBe('Paused. Press Resume to carry on.');
    expect(
      pausedText(makeJob({ status: 'paused', error: 'BigCommerce kept refusing requests.' })),
    ).toBe('Paused: BigCommerce kept refusing requests.');
  });
});
