/**
 * The usage chart's colours are graphics a merchant must tell apart: WCAG 1.4.11 asks 3:1
 * against what is next to them. The bar's parts are parted by white lines, so each is held to
 * 3:1 against the card's white; the figures are read from the stylesheet itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const css = readFileSync(
  new URL('../../components/styles/find-usage.css', import.meta.url),
  'utf8',
);

function fillOf(cls: string): string {
  const m = new RegExp(`\\.${cls} \\{[^}]*fill: (#[0-9a-f]{6})`).exec(css);
  if (!m) throw new Error(`No fill for .${cls}`);
  return m[1]!;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('usage chart colours', () => {
  test.each(['bcm-usage-unused', 'bcm-usage-used', 'bcm-usage-used-up', 'bcm-usage-day'])(
    '%s stands at 3:1 or more against the white card',
    (cls) => {
      expect(contrast(fillOf(cls), '#ffffff')).toBeGreaterThanOrEqual(3);
    },
  );

  test('the unused part is 3.9:1 (it was 1.5:1)', () => {
    expect(contrast(fillOf('bcm-usage-unused'), '#ffffff')).toBeCloseTo(3.91, 2);
  });

  test('the parts are parted by white lines', () => {
    expect(css).toMatch(/\.bcm-usage-chart \.bcm-usage-used-up \{\s*stroke: #fff;/);
  });
});
