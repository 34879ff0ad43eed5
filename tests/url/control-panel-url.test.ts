import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPromotionsPage, parseControlPanelUrl } from '../../utils/control-panel-url';

const base = 'https://store-abc123.mybigcommerce.com';

describe('parseControlPanelUrl: host', () => {
  it.each([
    'http://store-abc123.mybigcommerce.com/manage/marketing/promotions',
    'https://store-abc123.mybigcommerce.com.evil.com/manage/marketing/promotions',
    'https://evilmybigcommerce.com/manage/marketing/promotions',
    'https://store-abc123.evilmybigcommerce.com/manage/marketing/promotions',
    'https://store-abc123-mybigcommerce.com/manage/marketing/promotions',
    'https://mybigcommerce.com/manage/marketing/promotions',
    'https://store-.mybigcommerce.com/manage/marketing/promotions',
    'https://store-ab_c.mybigcommerce.com/manage/marketing/promotions',
    'https://store-abc.def.mybigcommerce.com/manage/marketing/promotions',
    'https://x.store-abc.mybigcommerce.com/manage/marketing/promotions',
    'https://shop-abc.mybigcommerce.com/manage/marketing/promotions',
    'https://store-abc123.mybigcommerce.com./manage/marketing/promotions',
    'https://store-abc123.bigcommerce.com/manage/marketing/promotions',
    `https://store-${'a'.repeat(33)}.mybigcommerce.com/manage/marketing/promotions`,
    'https://evil.com/?u=https://store-abc123.mybigcommerce.com/manage/marketing/promotions/1',
    'https://evil.com#https://store-abc123.mybigcommerce.com/manage/marketing/promotions/1',
    'javascript:alert(1)//store-abc123.mybigcommerce.com',
    'ftp://store-abc123.mybigcommerce.com/manage/marketing/promotions',
    'wss://store-abc123.mybigcommerce.com/manage/marketing/promotions',
    'store-abc123.mybigcommerce.com/manage/marketing/promotions',
    '/manage/marketing/promotions/12/edit',
    '',
    'not a url',
    'https://store-\u0430bc.mybigcommerce.com/manage/marketing/promotions', // Cyrillic a
    'https://store-abc.mybigcommerce.com\u0430/manage/marketing/promotions',
  ])('rejects %s', (url) => {
    expect(parseControlPanelUrl(url)).toBeNull();
  });

  it('lower-cases the host as browsers do', () => {
    expect(
      parseControlPanelUrl('https://STORE-ABC123.MyBigCommerce.com/manage/marketing/promotions'),
    ).toEqual({
      storeHash: 'abc123',
      promotionId: null,
      page: 'promotions-list',
    });
  });

  it('does not let credentials fake the host', () => {
    expect(
      parseControlPanelUrl(
        'https://store-abc123.mybigcommerce.com@evil.com/manage/marketing/promotions',
      ),
    ).toBeNull();
    expect(
      parseControlPanelUrl(
        'https://evil.com@store-abc123.mybigcommerce.com/manage/marketing/promotions',
      )?.storeHash,
    ).toBe('abc123');
  });

  it('accepts an explicit port (test set-ups map the host to a local server)', () => {
    expect(
      parseControlPanelUrl(
        'https://store-abc123.mybigcommerce.com:8443/manage/marketing/promotions/5/edit',
      ),
    ).toEqual({
      storeHash: 'abc123',
      promotionId: 5,
      page: 'promotion',
    });
  });

  it('reads any other control-panel page as other', () => {
    expect(parseControlPanelUrl(`${base}/manage/dashboard`)).toEqual({
      storeHash: 'abc123',
      promotionId: null,
      page: 'other',
    });
    expect(parseControlPanelUrl(`${base}/`)).toEqual({
      storeHash: 'abc123',
      promotionId: null,
      page: 'other',
    });
    expect(parseControlPanelUrl(base)).toEqual({
      storeHash: 'abc123',
      promotionId: null,
      page: 'other',
    });
  });
});

describe('parseControlPanelUrl: promotions list', () => {
  it.each([
    '/manage/marketing/promotions',
    '/manage/marketing/promotions/',
    '/manage/marketing/promotions?page=2&sort=name',
    '/manage/marketing/promotions#top',
    '/manage/marketing/promotions/?q=x#/list',
    '/Manage/Marketing/Promotions',
    '//manage//marketing//promotions//',
  ])('%s is the list page', (path) => {
    expect(parseControlPanelUrl(base + path)).toEqual({
      storeHash: 'abc123',
      promotionId: null,
      page: 'promotions-list',
    });
  });
});

describe('parseControlPanelUrl: promotion pages', () => {
  it.each([
    ['/manage/marketing/promotions/42/edit', 42],
    ['/manage/marketing/promotions/42/edit/', 42],
    ['/manage/marketing/promotions/42', 42],
    ['/manage/marketing/promotions/42/', 42],
    ['/manage/marketing/promotions/edit/42', 42],
    ['/manage/marketing/promotions/42/codes', 42],
    ['/manage/marketing/promotions/42/codes?page=3', 42],
    ['/manage/marketing/promotions/42/edit#codes', 42],
    ['/manage/marketing/promotions/42/EDIT', 42],
    ['/manage/marketing/promotions?promotionId=42', 42],
    ['/manage/marketing/promotions?id=42', 42],
    ['/manage/marketing/promotions/edit?id=42', 42],
    ['/manage/marketing/promotions/edit?promotionId=42&tab=codes', 42],
    ['/manage/marketing/promotions?promotionId=abc&id=42', 42],
    ['/manage/marketing/promotions/7/edit?id=42', 7],
    ['/manage/marketing/promotions/9007199254740991', 9007199254740991],
  ])('%s is promotion %d', (path, id) => {
    expect(parseControlPanelUrl(base + path)).toEqual({
      storeHash: 'abc123',
      promotionId: id,
      page: 'promotion',
    });
  });

  it.each([
    '/manage/marketing/promotions/0/edit',
    '/manage/marketing/promotions/-3/edit',
    '/manage/marketing/promotions/4.5/edit',
    '/manage/marketing/promotions/1e3/edit',
    '/manage/marketing/promotions/0012/edit',
    '/manage/marketing/promotions/12abc',
    '/manage/marketing/promotions/ 12',
    '/manage/marketing/promotions/9007199254740993',
    '/manage/marketing/promotions/99999999999999999999',
    '/manage/marketing/promotions/new',
    '/manage/marketing/promotions/edit',
    '/manage/marketing/promotions/edit/abc',
    '/manage/marketing/promotions/edit?id=0',
    '/manage/marketing/promotions/edit?id=-1',
    '/manage/marketing/promotions/edit?id=',
  ])('%s has no promotion id', (path) => {
    const r = parseControlPanelUrl(base + path);
    expect(r?.promotionId).toBeNull();
    expect(r?.page).not.toBe('promotion');
  });

  it('does not take an id from pages outside promotions', () => {
    expect(parseControlPanelUrl(`${base}/manage/products/edit?id=12`)).toEqual({
      storeHash: 'abc123',
      promotionId: null,
      page: 'other',
    });
    expect(parseControlPanelUrl(`${base}/manage/marketing/promotions-archive/12`)?.page).toBe(
      'other',
    );
    expect(
      parseControlPanelUrl(`${base}/manage/marketing/coupons/12/edit`)?.promotionId,
    ).toBeNull();
    expect(
      parseControlPanelUrl(`${base}/x/manage/marketing/promotions/12`)?.promotionId,
    ).toBeNull();
  });
});

describe('parseControlPanelUrl: properties', () => {
  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        parseControlPanelUrl(s);
        parseControlPanelUrl(`${base}/${s}`);
        parseControlPanelUrl(
          `https://store-${s}.mybigcommerce.com/manage/marketing/promotions/${s}`,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random URLs and only accepts store hosts', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const r = parseControlPanelUrl(url);
        if (r) expect(new URL(url).hostname).toBe(`store-${r.storeHash}.mybigcommerce.com`);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back any positive id in any of the path shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.stringMatching(/^[a-z0-9]{1,32}$/),
        fc.constantFrom(
          '/{id}',
          '/{id}/edit',
          '/edit/{id}',
          '/{id}/codes',
          '?promotionId={id}',
          '?id={id}',
        ),
        (id, hash, shape) => {
          const url = `https://store-${hash}.mybigcommerce.com/manage/marketing/promotions${shape.replace('{id}', String(id))}`;
          expect(parseControlPanelUrl(url)).toEqual({
            storeHash: hash,
            promotionId: id,
            page: 'promotion',
          });
        },
      ),
    );
  });
});

describe('isPromotionsPage: where the content script wakes up', () => {
  const base = 'https://store-abc123.mybigcommerce.com';
  it.each([
    '/manage/marketing/promotions',
    '/manage/marketing/promotions/42/edit',
    '/manage/marketing/promotions?promotionId=7',
  ])('%s: yes', (path) => {
    expect(isPromotionsPage(base + path)).toBe(true);
  });
  it.each([
    `${base}/manage`,
    `${base}/manage/dashboard`,
    `${base}/manage/marketing`,
    `${base}/manage/marketing/promotionsx`,
    'https://store-abc123.mybigcommerce.com.evil.example/manage/marketing/promotions',
    'https://www.mybigcommerce.com/manage/marketing/promotions',
    'not a url',
  ])('%s: no', (url) => {
    expect(isPromotionsPage(url)).toBe(false);
  });
});
