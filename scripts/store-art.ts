/**
 * `npm run store-art`: the extension's icons (public/icon-*.png) and the Chrome Web Store's
 * small tile (store/small-tile.png), drawn from the SVG below in Debian's Chromium, so that
 * they are made, not hand-edited, and stay the same design at every size.
 *
 * The stores' icon rules: the 128 px icon holds 96 px of artwork centred in transparent
 * padding (16 px a side); small sizes fill their square and drop detail, because a ticket
 * with a percent sign drawn at 16 px is a blur: there the icon is the percent sign alone,
 * drawn on whole pixels.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../e2e/harness';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BLUE = '#3c64f4';
const NAVY = '#1c2f78';

/** The full artwork on a 96-unit square: a white ticket with notched sides and a percent sign. */
const TICKET = `
  <rect x="0" y="0" width="96" height="96" rx="20" fill="${BLUE}"/>
  <path fill="#fff" d="M14 28a6 6 0 0 1 6-6h56a6 6 0 0 1 6 6v12a8 8 0 0 0 0 16v12a6 6 0 0 1-6 6H20a6 6 0 0 1-6-6V56a8 8 0 0 0 0-16z"/>
  <g fill="${BLUE}">
    <circle cx="35" cy="38" r="6"/>
    <circle cx="53" cy="58" r="6"/>
    <path d="M55.5 31.5l5 5-24 24-5-5z"/>
  </g>
  <g fill="${BLUE}" opacity="0.55">
    <rect x="67" y="29" width="4" height="8" rx="2"/>
    <rect x="67" y="44" width="4" height="8" rx="2"/>
    <rect x="67" y="59" width="4" height="8" rx="2"/>
  </g>`;

/** 16 px: the percent sign alone, white on blue, every edge on a whole pixel. */
const SMALL = `
  <rect x="0" y="0" width="16" height="16" rx="3" fill="${BLUE}"/>
  <g fill="#fff" shape-rendering="crispEdges">
    <rect x="2" y="2" width="4" height="4" rx="1"/>
    <rect x="10" y="10" width="4" height="4" rx="1"/>
    ${Array.from({ length: 10 }, (_, i) => `<rect x="${12 - i}" y="${2 + i}" width="2" height="2"/>`).join('')}
  </g>`;

/** 32 px: the ticket without its perforation, on the whole square. */
const MEDIUM = TICKET.replace(/<g fill="[^"]+" opacity="0.55">[\s\S]*?<\/g>/, '');

interface Art {
  file: string;
  width: number;
  height: number;
  html: string;
}

function icon(size: number, pad: number, body: string, viewBox: number): Art {
  const inner = size - 2 * pad;
  return {
    file: `public/icon-${size}.png`,
    width: size,
    height: size,
    html: `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
      <svg x="${pad}" y="${pad}" width="${inner}" height="${inner}" viewBox="0 0 ${viewBox} ${viewBox}">${body}</svg>
    </svg>`,
  };
}

/** The small promo tile, 440×280: the icon, the name, and what it does in a line. */
const TILE: Art = {
  file: 'store/small-tile.png',
  width: 440,
  height: 280,
  html: `<div style="width:440px;height:280px;box-sizing:border-box;padding:36px 36px;background:linear-gradient(135deg,#f0f3ff,#dbe3fe);font-family:'Source Sans 3','Source Sans Pro','DejaVu Sans',sans-serif;color:${NAVY};display:flex;flex-direction:column;justify-content:space-between">
    <svg width="88" height="88" viewBox="0 0 96 96">${TICKET}</svg>
    <div>
      <div style="font-size:30px;font-weight:700;line-height:1.1">Bulk Coupon Manager</div>
      <div style="font-size:17px;margin-top:8px;color:#313440">Generate, export and purge BigCommerce coupon codes by the thousand</div>
    </div>
  </div>`,
};

const ARTS: Art[] = [
  icon(128, 16, TICKET, 96),
  icon(48, 4, TICKET, 96),
  icon(32, 1, MEDIUM, 96),
  icon(16, 0, SMALL, 16),
  TILE,
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const art of ARTS) {
      await page.setViewportSize({ width: art.width, height: art.height });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${art.html}`,
      );
      const path = join(ROOT, art.file);
      mkdirSync(dirname(path), { recursive: true });
      await page.screenshot({
        path,
        omitBackground: art.file.startsWith('public/'),
        clip: { x: 0, y: 0, width: art.width, height: art.height },
      });
      console.log(`${art.file} (${art.width}×${art.height})`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
