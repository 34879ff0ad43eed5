import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, findCycles, isTypesOnly, roomOf, runtimeImports } from '../../scripts/check-house';
import { jobKindNames, jobRuleBreaks } from '../../scripts/house/job-rules';

describe('the house rules checker', () => {
  it('puts each file in its room, the most specific path first', () => {
    expect(roomOf('utils/messages/index.ts')).toBe('messages-protocol');
    expect(roomOf('utils/messages/jobs.ts')).toBe('messages');
    expect(roomOf('components/purge/ConfirmStep.tsx')).toBe('components');
    expect(roomOf('utils/vocabulary.ts')).toBe('vocabulary');
    expect(roomOf('utils/messages/views.ts')).toBe('views');
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

  it('tells a module of types only from one that holds code', () => {
    const types =
      "import type { A } from './a';\nexport type { B } from './b';\nexport interface C { a: A }\n";
    expect(isTypesOnly('x.ts', types)).toBe(true);
    expect(isTypesOnly('x.ts', `${types}export const d = 1;\n`)).toBe(false);
    expect(isTypesOnly('x.ts', "export { b } from './b';\n")).toBe(false);
  });

  it('finds cycles, type-only imports and self-imports included, and nothing in a tree', async () => {
    const root = mkdtempSync(join(tmpdir(), 'house-cycles-'));
    const files: Record<string, string> = {
      // A circle of types only: erased from the build, still a circle.
      'a.ts': "import type { C } from './c';\nexport type A = C[];\n",
      'b.ts': "import type { A } from './a';\nexport type B = A;\n",
      'c.ts':
        "import type { B } from '@/src/b';\nimport { d } from './d';\nexport type C = B | typeof d;\n",
      'd.ts': 'export const d = 1;\n',
      'e.ts': "import { e as self } from './e';\nexport const e = () => self;\n",
    };
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'tree'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'src', name), text);
    writeFileSync(
      join(root, 'tree', 'x.ts'),
      "import type { Y } from './y';\nexport type X = Y;\n",
    );
    writeFileSync(join(root, 'tree', 'y.ts'), 'export type Y = 1;\n');
    try {
      const cycles = (await findCycles(root, ['src'])).map((c) => [...c].sort());
      expect(cycles.sort()).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts'], ['src/e.ts']]);
      expect(await findCycles(root, ['tree'])).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads the job kinds from their definitions', () => {
    expect(jobKindNames(process.cwd()).sort()).toEqual(
      ['delete-code', 'export', 'generate', 'import', 'pattern', 'purge'].sort(),
    );
  });

  it('finds a branch on a job kind by its name outside the kinds, and a status set outside its owner', () => {
    const kinds = ['generate', 'purge', 'delete-code'];
    const text = [
      "if (job.kind === 'purge') go();",
      "if ('generate' !== r.kind) stop();",
      'switch (request.kind) {',
      "  case 'delete-code':",
      '    break;',
      '}',
      "if (e.kind === 'ambiguous') retry();", // an error's kind, not a job's
      "if (name === 'purge') open();", // a dialog's name
      "r.status = 'failed';",
      'job.finishedAt = now;',
      'this.status = 404;', // an error's own field
      "if (r.status === 'running') wait();",
    ].join('\n');
    expect(jobRuleBreaks('utils/ui/x.ts', text, kinds)).toEqual([
      'utils/ui/x.ts:1 branches on a job kind by its name (ask its definition instead)',
      'utils/ui/x.ts:2 branches on a job kind by its name (ask its definition instead)',
      'utils/ui/x.ts:4 branches on a job kind by its name (ask its definition instead)',
      'utils/ui/x.ts:9 assigns status, which only utils/jobs/status.ts may (transition)',
      'utils/ui/x.ts:10 assigns finishedAt, which only utils/jobs/status.ts may (transition)',
    ]);
    expect(jobRuleBreaks('utils/jobs/kinds/purge.ts', text, kinds)).toHaveLength(2);
    expect(jobRuleBreaks('utils/jobs/status.ts', text, kinds)).toHaveLength(3);
  });

  it('the product keeps them: no room imports what it may not, no kind branched on by name outside its definition, no status set outside its owner, no cycle, no file over 300 lines', async () => {
    const report = await check();
    expect(report.files).toBeGreaterThan(80);
    expect(report.violations).toEqual([]);
    expect(report.cycles).toEqual([]);
    expect(report.long).toEqual([]);
  }, 60_000);
});
