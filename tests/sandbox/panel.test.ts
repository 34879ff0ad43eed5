import { request } from 'node:https';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelHtml, storeFromHost } from '../../sandbox/panel';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 12 } });
});
afterAll(() => sb.close());

/** node:https rather than fetch, because fetch does not let a caller set Host (as a browser mapped by --host-resolver-rules would). */
const page = (path: string, host?: string) =>
  new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sb.port,
        path,
        ca: sb.cert.pem,
        servername: 'localhost',
        headers: host ? { Host: host } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });

describe('control panel', () => {
  it('serves the shell for the list and for deep links on direct load', async () => {
    for (const path of [
      '/manage/marketing/promotions',
      '/manage/marketing/promotions?tab=automatic',
      '/manage/marketing/promotions/1/edit',
      '/manage/marketing/promotions/1/legacy',
      '/manage/marketing/promotions/1/edit?embedded=1',
      '/manage/dashboard',
      '/manage',
    ]) {
      const r = await page(path);
      expect(r.status, path).toBe(200);
      expect(r.type).toMatch(/text\/html/);
      expect(r.text).toContain('<!doctype html>');
      expect(r.text).toContain('BigCommerce');
      expect(r.text).toContain('<main id="app">');
    }
  });

  it('is self-contained: inline CSS and JS, no external resources', async () => {
    const { text } = await page('/manage/marketing/promotions');
    expect(text).not.toMatch(/<script[^>]+src=/);
    expect(text).not.toMatch(/<link[^>]+href=/);
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).toContain('#3c64f4');
    expect(text).toContain('history.pushState');
    expect(text).toContain("addEventListener('popstate'");
    expect(text).toContain('content-iframe');
    expect(text).toContain('/__sandbox/panel-data');
  });

  it('takes the store from the Host header, falling back to the default store', async () => {
    const other = sb.createStore({ hash: 'panelstore', bulkCodes: 0 });
    expect(
      (await page('/manage/marketing/promotions', `store-${other.storeHash}.mybigcommerce.com`))
        .text,
    ).toContain('"store":"panelstore"');
    expect(
      (await page('/manage/marketing/promotions', 'store-unknown.mybigcommerce.com')).text,
    ).toContain('"store":"sandbox1"');
    expect((await page('/manage/marketing/promotions')).text).toContain('"store":"sandbox1"');
    expect(storeFromHost('store-abc123.mybigcommerce.com:8443')).toBe('abc123');
    expect(storeFromHost('STORE-ABC.MyBigCommerce.com')).toBe('abc');
    expect(storeFromHost('api.bigcommerce.com')).toBeUndefined();
    expect(storeFromHost(undefined)).toBeUndefined();
  });

  it('panel-data gives the promotions without a token', async () => {
    const r = await sb.fetch(`${sb.origin}/__sandbox/panel-data?store=sandbox1`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      storeHash: string;
      promotions: Array<Record<string, unknown>>;
    };
    expect(body.storeHash).toBe('sandbox1');
    expect(body.promotions).toEqual([
      {
        id: 1,
        name: 'Spring sale — bulk codes',
        redemption_type: 'COUPON',
        coupon_type: 'BULK',
        status: 'ENABLED',
        codes: 12,
      },
      {
        id: 2,
        name: 'Summer sale — bulk codes (empty)',
        redemption_type: 'COUPON',
        coupon_type: 'BULK',
        status: 'ENABLED',
        codes: 0,
      },
      {
        id: 3,
        name: 'Welcome 10% off',
        redemption_type: 'COUPON',
        coupon_type: 'SINGLE',
        status: 'ENABLED',
        codes: 1,
      },
      {
        id: 4,
        name: 'Free shipping over $50',
        redemption_type: 'AUTOMATIC',
        coupon_type: null,
        status: 'ENABLED',
        codes: 0,
      },
    ]);
  });

  it('/ redirects to the promotions list; non-GET on the panel is 405 JSON', async () => {
    const r = await sb.fetch(`${sb.origin}/`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/manage/marketing/promotions');
    const p = await sb.fetch(`${sb.origin}/manage/marketing/promotions`, {
      method: 'POST',
      body: 'x',
    });
    expect(p.status).toBe(405);
    expect(await p.json()).toMatchObject({ status: 405 });
  });

  it('the shell script parses', async () => {
    const { text } = await page('/manage/marketing/promotions');
    const scripts = [...text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBe(1);
    for (const s of scripts) expect(() => new Function(s)).not.toThrow();
  });
});

describe('control panel client-side behaviour (happy-dom)', () => {
  /** Loads the shell at url; the page's fetches are answered by the real sandbox. */
  function openPanel(url: string) {
    const w = new Window({
      url,
      settings: {
        enableJavaScriptEvaluation: true,
        suppressInsecureJavaScriptEnvironmentWarning: true,
        disableIframePageLoading: true,
        fetch: {
          interceptor: {
            beforeAsyncRequest: async ({ request, window }) => {
              const u = new URL(request.url);
              const r = await sb.fetch(`${sb.origin}${u.pathname}${u.search}`);
              return new window.Response(await r.text(), {
                status: r.status,
                headers: { 'content-type': 'application/json' },
              });
            },
          },
        },
      },
    });
    w.document.write(panelHtml('sandbox1'));
    return w;
  }
  const settle = async (w: Window) => {
    await new Promise((r) => setTimeout(r, 20));
    await w.happyDOM.waitUntilComplete();
  };

  it('lists coupon promotions, switches tabs and navigates without a page load; back/forward work', async () => {
    const w = openPanel('https://store-sandbox1.mybigcommerce.com/manage/marketing/promotions');
    try {
      await settle(w);
      const doc = w.document;
      const rows = () =>
        [...doc.querySelectorAll('tbody tr[data-promotion-id]')].map((r) =>
          r.getAttribute('data-promotion-id'),
        );
      expect(rows()).toEqual(['1', '2', '3']);
      (doc.querySelector('a[data-tab="automatic"]') as unknown as HTMLElement).click();
      await settle(w);
      expect(w.location.search).toBe('?tab=automatic');
      expect(rows()).toEqual(['4']);
      (doc.querySelector('a[data-tab="coupon"]') as unknown as HTMLElement).click();
      await settle(w);
      (
        doc.querySelector('a[href="/manage/marketing/promotions/1/edit"]') as unknown as HTMLElement
      ).click();
      await settle(w);
      expect(w.document).toBe(doc); // same document: client-side routing
      expect(w.location.pathname).toBe('/manage/marketing/promotions/1/edit');
      expect(doc.getElementById('promotion-name')?.textContent).toBe('Spring sale — bulk codes');
      expect(doc.getElementById('promotion-type')?.getAttribute('data-coupon-type')).toBe('BULK');
      expect(doc.getElementById('code-count')?.textContent).toBe('12');
      w.history.back();
      await settle(w);
      expect(w.location.pathname).toBe('/manage/marketing/promotions');
      expect(rows()).toEqual(['1', '2', '3']);
      w.history.forward();
      await settle(w);
      expect(w.location.pathname).toBe('/manage/marketing/promotions/1/edit');
      expect(doc.getElementById('promotion-name')?.textContent).toBe('Spring sale — bulk codes');
    } finally {
      await w.happyDOM.close();
    }
  });

  it('deep-links to an edit page; the legacy view embeds it in iframe#content-iframe', async () => {
    const w = openPanel(
      'https://store-sandbox1.mybigcommerce.com/manage/marketing/promotions/3/edit',
    );
    try {
      await settle(w);
      expect(w.document.getElementById('promotion-name')?.textContent).toBe('Welcome 10% off');
      expect(w.document.getElementById('promotion-type')?.getAttribute('data-coupon-type')).toBe(
        'SINGLE',
      );
      w.history.pushState({}, '', '/manage/marketing/promotions/1/legacy');
      w.dispatchEvent(new w.PopStateEvent('popstate'));
      await settle(w);
      const frame = w.document.getElementById('content-iframe');
      expect(frame?.tagName).toBe('IFRAME');
      expect(frame?.getAttribute('src')).toBe('/manage/marketing/promotions/1/edit?embedded=1');
    } finally {
      await w.happyDOM.close();
    }
  });

  it('embedded=1 hides the header and navigation', async () => {
    const w = openPanel(
      'https://store-sandbox1.mybigcommerce.com/manage/marketing/promotions/1/edit?embedded=1',
    );
    try {
      await settle(w);
      expect(w.document.body.classList.contains('embedded')).toBe(true);
      expect(w.document.getElementById('promotion-name')?.textContent).toBe(
        'Spring sale — bulk codes',
      );
    } finally {
      await w.happyDOM.close();
    }
  });

  it('an unknown promotion id shows a not-found message', async () => {
    const w = openPanel(
      'https://store-sandbox1.mybigcommerce.com/manage/marketing/promotions/999/edit',
    );
    try {
      await settle(w);
      expect(w.document.querySelector('h1')?.textContent).toBe('Promotion not found');
    } finally {
      await w.happyDOM.close();
    }
  });
});
