/**
 * `npm run check:house`: the house rules of docs/ARCHITECTURE.md, checked on the code. Every
 * product module (utils/, components/, entrypoints/) may import only from the rooms its own
 * room allows, a types-only room holds nothing but types, no chain of imports leads back to
 * where it started, and no product file is longer than MAX_LINES.
 *
 * Rooms count only the imports that stay in the built code (`import type` is erased and may
 * point anywhere). Cycles count every import, `import type` included: a circle of types is
 * still two modules that cannot be read one without the other. madge finds them (the usual
 * graph tool that runs on our Node); the rooms are read here with the TypeScript compiler.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import ts from 'typescript';
import { jobKindNames, jobRuleBreaks } from './house/job-rules';
import { checkLocales } from './house/locales';
import { parseSource } from './house/source';
import { findLiterals } from './house/strings';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['utils', 'components', 'entrypoints'];
/** Where user-facing words may appear only through the catalogue. */
const WORDS_CHECKED = ['components/', 'entrypoints/', 'utils/ui/'];

/** A file longer than this has more than one job: split it along its seams. */
export const MAX_LINES = 300;

/**
 * Rooms, by path prefix (the longest that matches wins), and the rooms each may import from at
 * run time. `vocabulary` is the shared words every room may use.
 */
export const ROOMS: Record<string, { path: string; may: string[] }> = {
  vocabulary: { path: 'utils/vocabulary.ts', may: [] },
  locale: { path: 'utils/locale/', may: [] },
  csv: { path: 'utils/csv/', may: ['vocabulary'] },
  codes: { path: 'utils/codes/', may: ['locale', 'vocabulary'] },
  rate: { path: 'utils/rate/', may: ['vocabulary'] },
  api: { path: 'utils/api/', may: ['rate', 'vocabulary'] },
  storage: { path: 'utils/storage/', may: ['locale', 'vocabulary'] },
  jobs: { path: 'utils/jobs/', may: ['api', 'rate', 'csv', 'codes', 'locale', 'vocabulary'] },
  messages: {
    path: 'utils/messages/',
    may: ['messages-protocol', 'jobs', 'api', 'csv', 'codes', 'vocabulary'],
  },
  background: {
    path: 'utils/background/',
    may: ['jobs', 'api', 'csv', 'messages', 'messages-protocol', 'storage', 'locale', 'vocabulary'],
  },
  ui: { path: 'utils/ui/', may: ['messages-protocol', 'codes', 'locale', 'vocabulary'] },
  'messages-protocol': { path: 'utils/messages/index.ts', may: [] },
  views: { path: 'utils/messages/views.ts', may: [] },
  'control-panel-url': { path: 'utils/control-panel-url.ts', may: ['vocabulary'] },
  components: {
    path: 'components/',
    may: ['ui', 'messages-protocol', 'control-panel-url', 'codes', 'locale', 'vocabulary'],
  },
  entrypoints: { path: 'entrypoints/', may: ['*'] },
};

/** Rooms of types only: they compile to nothing, so anyone may take them without weight. */
const TYPES_ONLY = ['views'];

/** Packages a room may not bring in at run time (zod would weigh on the content script). */
const FORBIDDEN_PACKAGES: Record<string, string[]> = {
  components: ['zod', 'papaparse'],
  ui: ['zod', 'papaparse'],
  codes: ['zod', 'papaparse'],
  locale: ['zod', 'papaparse'],
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
  const source = parseSource(file, text);
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

/** Whether a module compiles to nothing at all (types, interfaces, type-only imports and exports). */
export function isTypesOnly(file: string, text: string): boolean {
  const js = ts.transpileModule(text, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, removeComments: true },
  }).outputText;
  return js.replace(/export \{\};/, '').trim() === '';
}

/**
 * Every chain of imports, `import type` included, that leads back to where it started (a
 * module importing itself too), as madge finds them under `dirs` of `root`. `@/` resolves to
 * the root, as in tsconfig; WXT's `#imports` is a package here.
 */
export async function findCycles(root: string, dirs: string[]): Promise<string[][]> {
  const graph = await madge(
    dirs.map((d) => join(root, d)),
    {
      baseDir: root,
      fileExtensions: ['ts', 'tsx'],
      tsConfig: {
        compilerOptions: {
          baseUrl: root,
          paths: { '@/*': ['./*'] },
          module: 'esnext',
          moduleResolution: 'bundler',
          jsx: 'react-jsx',
        },
      },
    },
  );
  // An import madge cannot follow would hide any circle through it: say so rather than pass.
  // '#imports' and '#i18n' are WXT's generated modules (.wxt/), outside the product's graph.
  const unread = graph.warnings().skipped.filter((spec) => spec !== '#imports' && spec !== '#i18n');
  if (unread.length) throw new Error(`madge could not resolve: ${unread.join(', ')}`);
  return graph.circular();
}

export interface Report {
  violations: string[];
  /** User-facing words written in the code rather than taken from the catalogue. */
  literals: string[];
  /** Keys missing, extra or shaped differently in a language. */
  locales: string[];
  cycles: string[][];
  /** Product files over MAX_LINES, with their length. */
  long: string[];
  files: number;
}

export async function check(): Promise<Report> {
  const all = SOURCES.flatMap((dir) => walk(join(ROOT, dir), []));
  const long = all
    .map((file) => ({ file: relative(ROOT, file), lines: lineCount(readFileSync(file, 'utf8')) }))
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `${f.file} (${f.lines} lines)`);
  const files = all.filter((f) => /\.tsx?$/.test(f));
  const violations: string[] = [];
  const kinds = jobKindNames(ROOT);
  for (const file of files) {
    const rel = relative(ROOT, file);
    const room = roomOf(rel);
    const text = readFileSync(file, 'utf8');
    violations.push(...jobRuleBreaks(rel, text, kinds));
    if (room && TYPES_ONLY.includes(room) && !isTypesOnly(file, text))
      violations.push(`${rel} holds code, and room "${room}" is for types only`);
    for (const spec of runtimeImports(file, text)) {
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
      const targetRoom = roomOf(targetRel);
      if (!room || !targetRoom || room === targetRoom) continue;
      const may = ROOMS[room]!.may;
      if (!may.includes('*') && !may.includes(targetRoom))
        violations.push(`${rel} (${room}) imports ${targetRel} (${targetRoom})`);
    }
  }
  const literals = files
    .map((file) => relative(ROOT, file))
    .filter((rel) => WORDS_CHECKED.some((dir) => rel.startsWith(dir)))
    .flatMap((rel) =>
      findLiterals(rel, readFileSync(join(ROOT, rel), 'utf8')).map(
        (f) => `${rel}:${f.line}: ${f.text}`,
      ),
    );
  return {
    violations,
    literals,
    locales: await checkLocales(join(ROOT, 'locales')),
    cycles: await findCycles(ROOT, SOURCES),
    long,
    files: files.length,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(fileURLToPath(import.meta.url))) {
  const { violations, literals, locales, cycles, long, files } = await check();
  for (const v of violations) console.log(`house rule: ${v}`);
  for (const l of literals) console.log(`words outside the catalogue: ${l}`);
  for (const l of locales) console.log(`catalogue: ${l}`);
  for (const c of cycles) console.log(`import cycle: ${c.join(' -> ')}`);
  for (const f of long) console.log(`longer than ${MAX_LINES} lines: ${f}`);
  console.log(
    `${files} modules: ${violations.length} room or job rule(s) broken, ${literals.length} string(s) outside the catalogue, ${locales.length} catalogue problem(s), ${cycles.length} import cycle(s), ${long.length} file(s) over ${MAX_LINES} lines.`,
  );
  const failed = violations.length || literals.length || locales.length || cycles.length;
  process.exit(failed || long.length ? 1 : 0);
}
