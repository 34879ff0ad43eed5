// @vitest-environment happy-dom
/**
 * Elements inside a catalogue sentence (components/with-parts.tsx) go where their own `$n` is: a
 * translation that names them in another order keeps each element with its words.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, expect, test } from 'vitest';
import { OptionsPage } from '@/components/options/OptionsPage';
import { catalogue, getMessage } from '../i18n-double';
import { createFakeBridge } from './fake-bridge';
import { settle } from './render-panel';

afterEach(cleanup);

test('a translation that says $2 before $1 keeps each element in its own place', async () => {
  // As a translator might write "Under OAuth scopes, set Marketing to modify": the other way round.
  const messages = {
    ...(await catalogue('en')),
    options_help3: { message: 'Choose $2 for $1.' },
  };
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = (
    name: string,
    subs?: string | string[],
  ) => getMessage(messages, name, subs);
  render(<OptionsPage bridge={createFakeBridge().bridge} initialStoreHash={null} />);
  await settle();
  const item = screen.getByText(
    (_, el) => el?.tagName === 'LI' && /^Choose /.test(el.textContent ?? ''),
  );
  expect([...item.querySelectorAll('strong')].map((s) => s.textContent)).toEqual([
    'modify',
    'Marketing',
  ]);
  expect(item.textContent).toBe('Choose modify for Marketing.');
});
