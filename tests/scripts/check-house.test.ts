import { describe, expect, it } from 'vitest';
import { check, findCycles, roomOf, runtimeImports } from '../../scripts/check-house';

describe('the house rules checker', () => {
  it('puts each file in its room, the most specific path first', () => {
    expect(roomOf('utils/messages/index.ts')).toBe('messages-protocol');
    expect(roomOf('utils/messages/jobs.ts')).toBe('messages');
    expect(roomOf('components/purge/ConfirmStep.tsx')).toBe('components');
    expect(roomOf('utils/vocabulary.ts')).toBe('vocabulary');
    expect(roomOf('sandbox/server.ts')).toBeNull();
  });

  it('counts only imports that stay in the built code', () => {
    const text = [
      "import type { A } from './a';",
      "import { type B } from './b';",
      "import { c, type C } from './c';",
      "export type { D } from './d';",
      "export { e } from './e';",
      "import './f.css';",
    ].join('\n');
    expect(runtimeImports('x.ts', text)).toEqual(['./c', './e', './f.css']);
  });

  it('finds cycles, self-imports included, and nothing in a tree', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('the product keeps them: no room imports what it may not, no cycle, no file over 300 lines', () => {
    const report = check();
    expect(report.files).toBeGreaterThan(80);
    expect(report.violations).toEqual([]);
    expect(report.cycles).toEqual([]);
    expect(report.long).toEqual([]);
  });
});
