// @vitest-environment happy-dom
/**
 * The UI in a German browser: the fake browser's i18n speaks the built German catalogue
 * (tests/i18n-double.ts), as Chrome does with --lang=de. The contract names come from issue 26.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OptionsPage } from '@/components/options/OptionsPage';
import { PopupPage } from '@/components/popup/PopupPage';
import { speak } from '../i18n-double';
import { createFakeBridge } from './fake-bridge';
import { renderPanel, settle } from './render-panel';
import { i18n } from '#i18n';

beforeEach(() => speak('de'));
afterEach(cleanup);

describe('in German', () => {
  test('the panel is the region "Massen-Gutscheincodes", with its heading and button in German', async () => {
    await renderPanel();
    const region = screen.getByRole('region', { name: 'Massen-Gutscheincodes' });
    expect(region.querySelector('h2')?.textContent).toBe('Massen-Gutscheincodes');
    expect(screen.getByRole('button', { name: 'Ausblenden' })).toBeTruthy();
    expect(screen.queryByText('Bulk coupon codes')).toBeNull();
  });

  test('the settings: "Store-Hash", "Zugriffstoken", "Shop speichern"', async () => {
    const fake = createFakeBridge({ listStores: () => ({ ok: true, value: [] }) });
    render(<OptionsPage bridge={fake.bridge} />);
    await settle();
    expect(screen.getByLabelText('Store-Hash')).toBeTruthy();
    expect(screen.getByLabelText('Zugriffstoken')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Shop speichern' })).toBeTruthy();
    expect(screen.getByText('Noch kein Shop verbunden.')).toBeTruthy();
  });

  test('the popup', async () => {
    const fake = createFakeBridge({ listStores: () => ({ ok: true, value: [] }) });
    render(<PopupPage bridge={fake.bridge} />);
    await settle();
    expect(screen.getByRole('heading', { name: 'Gutschein-Aufträge' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Einstellungen öffnen' })).toBeTruthy();
  });

  test('plural forms and substitutions come from the German catalogue', () => {
    expect(i18n.t('codes.copiedPage', 1, ['1'])).toBe('1 Code kopiert (diese Seite).');
    expect(i18n.t('codes.copiedPage', 10_000, ['10.000'])).toBe(
      '10.000 Codes kopiert (diese Seite).',
    );
    expect(i18n.t('promotions.page', ['2', '7'])).toBe('Seite 2 von 7');
  });
});
