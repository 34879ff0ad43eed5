#!/usr/bin/env node
// `npm test`: everything, with its own set-up. Installs the browsers when missing, builds
// both browser packages, runs the unit suites, the real-browser suites and web-ext lint,
// then prints one line summing them all: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.tmp', 'test-results');
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    ...opts,
  });
  return r.status ?? 1;
}

function setup(name, cmd, args) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`\nSet-up step failed: ${name}`);
    totals.failed += 1;
    suites.push(`${name}: set-up failed`);
  }
  return status === 0;
}

function vitestSuite(name, config) {
  const file = join(out, `${name}.json`);
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ];
  if (config) args.push('--config', config);
  // A vitest that dies before writing must not leave the last run's results to be counted.
  rmSync(file, { force: true });
  const status = run('npx', args);
  if (!existsSync(file)) {
    totals.failed += 1;
    suites.push(`${name}: did not run (exit ${status})`);
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A suite file that failed to load has no failed tests but must still count as a failure.
  const brokenFiles = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  let failed = r.numFailedTests + brokenFiles;
  // An unhandled error (a promise rejected after its test) fails the run but no test: vitest's
  // exit status is the word that counts, so it is one failure of the suite's own.
  const unexplained = status !== 0 && failed === 0;
  if (unexplained) failed = 1;
  totals.passed += r.numPassedTests;
  totals.failed += failed;
  totals.skipped += skipped;
  suites.push(
    `${name}: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${unexplained ? ` (vitest exited ${status} with no failed test: see its errors above)` : ''}`,
  );
}

function checkSuite(name, cmd, args) {
  const status = run(cmd, args);
  if (status === 0) totals.passed += 1;
  else totals.failed += 1;
  suites.push(`${name}: ${status === 0 ? 'passed' : 'failed'}`);
}

const browsers = setup('browsers', 'bash', ['scripts/ensure-browsers.sh']);
const builtChrome = setup('build chrome', 'npx', ['wxt', 'build']);
const builtFirefox = setup('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
checkSuite('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
checkSuite('house rules (format, rooms, no import cycles, files up to 300 lines)', 'npm', [
  'run',
  '--silent',
  'check:house',
]);
vitestSuite('unit');
if (browsers && builtChrome && builtFirefox) vitestSuite('e2e', 'vitest.e2e.config.ts');
if (builtFirefox)
  checkSuite('web-ext lint', 'npx', [
    'web-ext',
    'lint',
    '--source-dir',
    '.output/firefox-mv2',
    '--self-hosted',
    '--warnings-as-errors=false',
  ]);

console.log('\nSuites:');
for (const s of suites) console.log(`  ${s}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed ? 1 : 0);
