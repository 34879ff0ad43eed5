// @vitest-environment happy-dom
/**
 * The UI in a German browser: the fake browser's i18n speaks the built German catalogue
 * (tests/i18n-double.ts), as Chrome does with --lang=de. The contract names come from issue 26.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FindCode } from '@/components/find/FindCode';
import { ManagerPage } from '@/components/manager/ManagerPage';
import { OptionsPage } from '@/components/options/OptionsPage';
import { createJobsStore } from '@/components/state/jobs-store';
import { PopupPage } from '@/components/popup/PopupPage';
import { checkShared } from '@/utils/ui/check-numbers';
import { formatBytes, formatDuration } from '@/utils/ui/format';
import { validatePattern } from '@/utils/ui/validate-pattern';
import { speak } from '../i18n-double';
import { createFakeBridge, type Handlers } from './fake-bridge';
import { BULK_PROMOTION, NOW, PROMOTION_ID, STORE_HASH, STORE_MODIFY } from './fixtures';
import { renderPanel, settle } from './render-panel';
import { setLocale } from '@/utils/locale/current';
import { i18n } from '#i18n';

beforeEach(() => speak('de'));
afterEach(() => {
  cleanup();
  setLocale(null);
});

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

  test('the panel\'s forms: "Anzahl der Codes", "Codes erzeugen", "Codes exportieren", "Codes löschen"', async () => {
    setLocale('de-DE');
    const { fake } = await renderPanel();
    const region = screen.getByRole('region', { name: 'Massen-Gutscheincodes' });
    const panel = within(region);
    expect(panel.getByRole('heading', { name: 'Codes erzeugen' })).toBeTruthy();
    expect(panel.getByRole('button', { name: 'Codes exportieren' })).toBeTruthy();
    expect(panel.getByRole('button', { name: 'Codes importieren' })).toBeTruthy();
    expect(panel.getByRole('button', { name: 'Codes löschen' })).toBeTruthy();
    expect(panel.getByRole('button', { name: 'Nutzungsbericht' })).toBeTruthy();
    expect(panel.getByRole('checkbox', { name: 'nur unbenutzte Codes' })).toBeTruthy();
    expect(panel.getByLabelText('Max. Nutzungen pro Code')).toBeTruthy();
    expect(panel.getByLabelText('Trennzeichen')).toBeTruthy();
    expect(panel.queryByText(/Number of codes|Generate codes|Export codes/)).toBeNull();

    // A decimal is refused in German, from the catalogue; German grouping is a whole number.
    const count = panel.getByLabelText('Anzahl der Codes') as HTMLInputElement;
    fireEvent.input(count, { target: { value: '2,5' } });
    fireEvent.blur(count);
    fireEvent.click(panel.getByRole('button', { name: 'Codes erzeugen' }));
    await settle();
    expect(document.getElementById(`${count.id}-message`)?.textContent).toBe(
      'Geben Sie eine ganze Zahl ohne Nachkommastellen ein (zum Beispiel 5000).',
    );
    expect(fake.sent('startJob')).toEqual([]);
    fireEvent.input(count, { target: { value: '10.000' } });
    fireEvent.click(panel.getByRole('button', { name: 'Codes erzeugen' }));
    await settle();
    const [request] = fake.sent('startJob') as Array<{ params: { count: number } }>;
    expect(request?.params.count).toBe(10_000);
  });

  test('the words of numbers, estimates and patterns', () => {
    setLocale('de-DE');
    expect(i18n.t('forms.units.codes', 1, ['1'])).toBe('1 Code');
    expect(formatDuration(3_725_000)).toBe('1 Std. 2 min');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(checkShared({ count: '', maxUses: '1', maxUsesPerCustomer: '1' }).errors.count).toBe(
      'Geben Sie an, wie viele Codes erzeugt werden sollen (1 bis 1.000.000).',
    );
    const pattern = validatePattern({
      count: '10',
      maxUses: '1',
      maxUsesPerCustomer: '1',
      pattern: 'SPRING',
      characterSet: 'letters-digits',
      ownCharacters: '',
    });
    expect(pattern.errors.pattern).toMatch(/^Das Muster enthält kein #/);
  });
});

describe('the manager and Find in German', () => {
  const manager = async (initialPromotion?: number, handlers: Handlers = {}) => {
    const fake = createFakeBridge({
      listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
      listPromotionPage: () => ({
        ok: true,
        value: {
          storeHash: STORE_HASH,
          promotions: [{ id: PROMOTION_ID, name: 'Summer sale', status: 'ENABLED', codeCount: 3 }],
          page: 1,
          pages: 1,
          pageSize: 25,
          filter: '',
          matching: 1,
          total: 1,
          loadedAt: NOW,
        },
      }),
      ...handlers,
    });
    render(
      <ManagerPage
        bridge={fake.bridge}
        initialStore={STORE_HASH}
        initialPromotion={initialPromotion}
        filterDelayMs={0}
      />,
    );
    await settle();
    return fake;
  };

  test('a promotion opened from the list: focus goes to the panel’s heading, as in English', async () => {
    setLocale('de');
    await manager();
    fireEvent.click(screen.getByRole('button', { name: 'Summer sale' }));
    await settle();
    const region = screen.getByRole('region', { name: 'Massen-Gutscheincodes' });
    expect(document.activeElement).toBe(within(region).getByRole('heading', { level: 2 }));
  });

  test('a promotion the panel could not read is named in German', async () => {
    setLocale('de');
    await manager(PROMOTION_ID, {
      getPromotion: () => ({ ok: false, error: 'Nicht gefunden.' }),
    });
    const crumbs = document.querySelector('.bcm-manager-crumbs')?.textContent ?? '';
    expect(crumbs).toContain(`Aktion ${PROMOTION_ID}`);
    expect(crumbs).not.toContain('Promotion');
  });

  test('Find: a code of a deactivated or invalid promotion says so in German', async () => {
    setLocale('de');
    const statuses = ['DISABLED', 'INVALID'];
    const fake = createFakeBridge({
      findCode: ({ code }) => ({
        ok: true,
        value: {
          found: true,
          code: {
            id: 1,
            code,
            current_uses: 0,
            max_uses: 1,
            max_uses_per_customer: 1,
            created: '2026-03-02T12:00:00+00:00',
          },
          promotion: { ...BULK_PROMOTION, status: statuses.shift()!, bulk: true },
        },
      }),
    });
    render(<FindCode bridge={fake.bridge} jobs={createJobsStore()} stores={[STORE_MODIFY]} />);
    const said = async (code: string) => {
      fireEvent.input(screen.getByLabelText('Code suchen'), { target: { value: code } });
      fireEvent.click(screen.getByRole('button', { name: 'Suchen' }));
      await settle();
      return screen.getByRole('status').textContent ?? '';
    };
    expect(await said('A1')).toContain('Summer sale (deaktiviert)');
    expect(await said('A2')).toContain('Summer sale (ungültig)');
  });
});
