/**
 * `npm run check:house`: the house rules of docs/ARCHITECTURE.md, checked on the code. Every
 * product module (utils/, components/, entrypoints/) may import only from the rooms its own
 * room allows, no chain of imports leads back to where it started, and no product file is
 * longer than MAX_LINES. Only imports that stay in the built code count: `import type` is
 * erased and may point anywhere.
 *
 * Written on the TypeScript compiler (already here) because the usual tools (dependency-cruiser)
 * refuse the Node version of our machines.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SOURCES = ['utils', 'components', 'entrypoints'];
/** A file longer than this has more than one job: split it along its seams. */
export const MAX_LINES = 300;

/**
 * Rooms, by path prefix (the longest that matches wins), and the rooms each may import from at
 * run time. `vocabulary` is the shared words every room may use.
 */
export const ROOMS: Record<string, { path: string; may: string[] }> = {
  vocabulary: { path: 'utils/vocabulary.ts', may: [] },
  csv: { path: 'utils/csv/', may: ['vocabulary'] },
  codes: { path: 'utils/codes/', may: ['vocabulary'] },
  rate: { path: 'utils/rate/', may: ['vocabulary'] },
  api: { path: 'utils/api/', may: ['rate', 'vocabulary'] },
  storage: { path: 'utils/storage/', may: ['vocabulary'] },
  jobs: { path: 'utils/jobs/', may: ['api', 'rate', 'csv', 'codes', 'vocabulary'] },
  messages: {
    path: 'utils/messages/',
    may: ['messages-protocol', 'jobs', 'api', 'csv', 'codes', 'vocabulary'],
  },
  background: {
    path: 'utils/background/',
    may: ['jobs', 'api', 'csv', 'messages', 'messages-protocol', 'storage', 'vocabulary'],
  },
  ui: { path: 'utils/ui/', may: ['messages-protocol', 'codes', 'vocabulary'] },
  'messages-protocol': { path: 'utils/messages/index.ts', may: [] },
  'control-panel-url': { path: 'utils/control-panel-url.ts', may: ['vocabulary'] },
  components: {
    path: 'components/',
    may: ['ui', 'messages-protocol', 'control-panel-url', 'codes', 'vocabulary'],
  },
  entrypoints: { path: 'entrypoints/', may: ['*'] },
};

/** Packages a room may not bring in at run time (zod would weigh on the content script). */
const FORBIDDEN_PACKAGES: Record<string, string[]> = {
  components: ['zod', 'papaparse'],
  ui: ['zod', 'papaparse'],
  codes: ['zod', 'papaparse'],
  'messages-protocol': ['zod'],
  vocabulary: ['zod'],
};

export function roomOf(file: string): string | null {
  let best: string | null = null;
  let bestLength = -1;
  for (const [name, room] of Object.entries(ROOMS)) {
    if ((file === room.path || file.startsWith(room.path)) && room.path.length > bestLength) {
      best = name;
      bestLength = room.path.length;
    }
  }
  return best;
}

/** Lines as `wc -l` counts them (a last line without its newline counts too). */
export function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(tsx?|css|html)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return null; // a package, or '#imports'
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** The module specifiers a file imports at run time (type-only imports and exports are skipped). */
export function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    }
  }
  return out;
}

export interface Report {
  violations: string[];
  cycles: string[][];
  /** Product files over MAX_LINES, with their length. */
  long: string[];
  files: number;
}

export function check(): Report {
  const all = SOURCES.flatMap((dir) => walk(join(ROOT, dir), []));
  const long = all
    .map((file) => ({ file: relative(ROOT, file), lines: lineCount(readFileSync(file, 'utf8')) }))
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `${f.file} (${f.lines} lines)`);
  const files = all.filter((f) => /\.tsx?$/.test(f));
  const graph = new Map<string, string[]>();
  const violations: string[] = [];
  for (const file of files) {
    const rel = relative(ROOT, file);
    const room = roomOf(rel);
    const edges: string[] = [];
    for (const spec of runtimeImports(file, readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, spec);
      if (!target) {
        const pkg = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : spec.split('/')[0]!;
        if (room && FORBIDDEN_PACKAGES[room]?.includes(pkg))
          violations.push(`${rel} imports ${pkg}, which room "${room}" may not bring in`);
        continue;
      }
      const targetRel = relative(ROOT, target);
      edges.push(targetRel);
      const targetRoom = roomOf(targetRel);
      if (!room || !targetRoom || room === targetRoom) continue;
      const may = ROOMS[room]!.may;
      if (!may.includes('*') && !may.includes(targetRoom))
        violations.push(`${rel} (${room}) imports ${targetRel} (${targetRoom})`);
    }
    graph.set(rel, edges);
  }
  return { violations, cycles: findCycles(graph), long, files: files.length };
}

/** Every strongly connected group of more than one module (or a module importing itself), by Tarjan. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { violations, cycles, long, files } = check();
  for (const v of violations) console.log(`room rule: ${v}`);
  for (const c of cycles) console.log(`import cycle: ${c.join(' -> ')}`);
  for (const f of long) console.log(`longer than ${MAX_LINES} lines: ${f}`);
  console.log(
    `${files} modules: ${violations.length} room rule(s) broken, ${cycles.length} import cycle(s), ${long.length} file(s) over ${MAX_LINES} lines.`,
  );
  process.exit(violations.length || cycles.length || long.length ? 1 : 0);
}
