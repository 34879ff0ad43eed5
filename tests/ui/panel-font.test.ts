/** The panel sits inside BigCommerce's control panel: its type must be the page's own first. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const base = readFileSync(new URL('../../components/styles/base.css', import.meta.url), 'utf8');

test("the panel's font stack starts with BigDesign's Source Sans, system fonts after", () => {
  const stack = /--bcm-font:\s*([^;]+);/
    .exec(base)?.[1]
    ?.split(',')
    .map((f) => f.trim());
  expect(stack?.slice(0, 2)).toEqual(["'Source Sans 3'", "'Source Sans Pro'"]);
  expect(stack).toContain('-apple-system');
  expect(stack?.at(-1)).toBe('sans-serif');
  // Every font-family in the panel's stylesheet uses that stack (monospace code aside).
  expect(base.match(/font-family: [^;]+;/g)).toEqual([
    'font-family: var(--bcm-font);',
    'font-family: var(--bcm-font);',
  ]);
});
