/**
 * A page's numbers follow the language its words come in (the browser's UI language), not
 * navigator.language: in Firefox the two may differ, and "10,000" typed on an English page
 * must not be read the German way.
 */
import { afterEach, expect, test } from 'vitest';
import { setLocale } from '@/utils/locale/current';
import { createBrowserBridge } from '@/utils/ui/bridge';
import { formatCount } from '@/utils/ui/format';
import { speak } from '../i18n-double';

afterEach(async () => {
  await speak('en');
  setLocale('en');
});

test('a page in a browser that speaks German writes 10.000; in one that speaks English, 10,000', async () => {
  await speak('de');
  createBrowserBridge();
  expect(formatCount(10_000)).toBe('10.000');
  await speak('en');
  createBrowserBridge();
  expect(formatCount(10_000)).toBe('10,000');
});
