/**
 * Which browser download is a job's file: Firefox numbers downloads afresh in each session, so
 * an id saved before a restart may name someone else's download. The name must match too.
 */
import { describe, expect, it } from 'vitest';
import { isFileNamed } from '../../utils/background/downloads';

const ASKED = 'bcm-abc123-p42-purge-backup-20261206-021500.csv';

describe('a download is the file asked for', () => {
  it.each([
    [`/home/m/Downloads/${ASKED}`, true],
    [`C:\\Users\\m\\Downloads\\${ASKED}`, true],
    ['/home/m/Downloads/bcm-abc123-p42-purge-backup-20261206-021500 (1).csv', true], // Chrome made it unique
    ['/home/m/Downloads/bcm-abc123-p42-purge-backup-20261206-021500(2).csv', true], // Firefox's way
    ['/home/m/Downloads/holiday-photos.zip', false],
    ['/home/m/Downloads/bcm-abc123-p42-purge-backup-20261206-021500-old.csv', false],
    ['/home/m/Downloads/bcm-abc123-p42-export-20261206-021500.csv', false],
    ['', false],
  ])('%s: %s', (path, same) => {
    expect(isFileNamed(path, ASKED)).toBe(same);
  });
});
