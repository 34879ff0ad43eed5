import { describe, expect, test, vi } from 'vitest';
import { parseControlPanelUrl } from '@/utils/control-panel-url';
import {
  createMountController,
  panelLocationFor,
  type MountTarget,
} from '@/utils/ui/mount-controller';

const BASE = 'https://store-abc123.mybigcommerce.com/manage/marketing/promotions';

function setup(opts: { isTopFrame?: boolean; url?: string } = {}) {
  let iframe = false;
  let attached = false;
  const target: MountTarget & { calls: string[] } = {
    calls: [],
    mount: vi.fn((loc) => {
      attached = true;
      target.calls.push(`mount ${loc.promotionId}`);
    }),
    update: vi.fn((loc) => target.calls.push(`update ${loc.promotionId}`)),
    unmount: vi.fn(() => {
      attached = false;
      target.calls.push('unmount');
    }),
    isAttached: () => attached,
  };
  const controller = createMountController(
    {
      parse: parseControlPanelUrl,
      isTopFrame: opts.isTopFrame ?? true,
      hasContentIframe: () => iframe,
      target,
    },
    opts.url ?? `${BASE}/42/edit`,
  );
  return {
    controller,
    target,
    setIframe: (v: boolean) => (iframe = v),
    detach: () => (attached = false),
  };
}

describe('panelLocationFor', () => {
  test('promotion and list pages show the panel; other pages do not', () => {
    const top = { isTopFrame: true, hasContentIframe: false };
    expect(panelLocationFor(`${BASE}/42/edit`, top, parseControlPanelUrl)).toEqual({
      storeHash: 'abc123',
      promotionId: 42,
      page: 'promotion',
    });
    expect(panelLocationFor(BASE, top, parseControlPanelUrl)?.page).toBe('promotions-list');
    expect(
      panelLocationFor(
        'https://store-abc123.mybigcommerce.com/manage/orders',
        top,
        parseControlPanelUrl,
      ),
    ).toBeNull();
    expect(
      panelLocationFor(
        'https://example.com/manage/marketing/promotions',
        top,
        parseControlPanelUrl,
      ),
    ).toBeNull();
  });

  test('the top frame stands aside for the legacy iframe; the iframe itself does not', () => {
    expect(
      panelLocationFor(
        `${BASE}/42/legacy`,
        { isTopFrame: true, hasContentIframe: true },
        parseControlPanelUrl,
      ),
    ).toBeNull();
    expect(
      panelLocationFor(
        `${BASE}/42/edit?embedded=1`,
        { isTopFrame: false, hasContentIframe: false },
        parseControlPanelUrl,
      )?.promotionId,
    ).toBe(42);
  });
});

describe('mount controller', () => {
  test('mounts once, updates on navigation, never duplicates', () => {
    const { controller, target } = setup();
    controller.setUrl(`${BASE}/42/edit`);
    controller.recheck();
    controller.setUrl(`${BASE}/43/edit`);
    controller.setUrl(BASE);
    expect(target.calls).toEqual(['mount 42', 'update 43', 'update null']);
  });

  test('unmounts on pages that are not promotions and mounts again on return', () => {
    const { controller, target } = setup();
    controller.setUrl('https://store-abc123.mybigcommerce.com/manage/orders');
    controller.setUrl('https://store-abc123.mybigcommerce.com/manage/customers');
    controller.setUrl(`${BASE}/44/edit`);
    expect(target.calls).toEqual(['mount 42', 'unmount', 'mount 44']);
    expect(controller.mounted).toBe(true);
  });

  test('the top frame unmounts when the legacy iframe appears after navigation, and comes back when it goes', () => {
    const { controller, target, setIframe } = setup({ url: BASE });
    // The navigate event fires before the page renders the iframe.
    controller.setUrl(`${BASE}/42/legacy`);
    setIframe(true);
    controller.recheck();
    expect(controller.mounted).toBe(false);
    controller.setUrl(BASE);
    expect(controller.mounted).toBe(false); // the iframe is still in the DOM
    setIframe(false);
    controller.recheck();
    expect(target.calls).toEqual(['mount null', 'update 42', 'unmount', 'mount null']);
  });

  test('a panel the page removed from the DOM is put back', () => {
    const { controller, target, detach } = setup();
    detach();
    controller.recheck();
    expect(target.calls).toEqual(['mount 42', 'mount 42']);
  });

  test('starting on a page without a panel mounts nothing', () => {
    const { target } = setup({ url: 'https://store-abc123.mybigcommerce.com/manage/dashboard' });
    expect(target.calls).toEqual([]);
  });
});
