/** The icons and store images have the sizes and padding the stores ask for. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { pngSize, readPng } from './png';

const at = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

describe('icons', () => {
  test.each([16, 32, 48, 128])('icon-%i.png is that size', (size) => {
    expect(pngSize(at(`public/icon-${size}.png`))).toEqual({ width: size, height: size });
  });

  test('the 128 px icon: 96 px of artwork centred in 16 px of transparent padding', () => {
    const png = readPng(at('public/icon-128.png'));
    let [minX, minY, maxX, maxY] = [128, 128, -1, -1];
    for (let y = 0; y < 128; y++)
      for (let x = 0; x < 128; x++)
        if (png.alpha(x, y) > 0) {
          [minX, minY] = [Math.min(minX, x), Math.min(minY, y)];
          [maxX, maxY] = [Math.max(maxX, x), Math.max(maxY, y)];
        }
    expect([minX, minY, maxX, maxY]).toEqual([16, 16, 111, 111]);
  });

  test('the 16 px icon fills its square (no padding to waste at that size)', () => {
    const png = readPng(at('public/icon-16.png'));
    expect(png.alpha(8, 0)).toBe(255);
    expect(png.alpha(0, 8)).toBe(255);
  });
});

describe('store images', () => {
  test('the small tile is 440×280', () => {
    expect(pngSize(at('store/small-tile.png'))).toEqual({ width: 440, height: 280 });
  });

  test('the listing screenshots are 1280×800, made by the tour', () => {
    const shots = ['panel', 'purge-confirm', 'manager', 'running', 'settings'].map((n, i) =>
      at(`store/screenshots/${i + 1}-${n}.png`),
    );
    for (const shot of shots) {
      expect(existsSync(shot), shot).toBe(true);
      expect(pngSize(shot)).toEqual({ width: 1280, height: 800 });
    }
  });
});
