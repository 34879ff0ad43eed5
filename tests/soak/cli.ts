// `npm run soak [-- --codes 200000]`: the long run of the soak, with its figures.
import { runSoak } from './soak';
import '../node20-polyfills';
import { setMaxListeners } from 'node:events';

setMaxListeners(200);
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
};
const codes = arg('codes', 200_000);
console.log(
  `Soak: ${codes.toLocaleString('en-US')} codes, 5% 500s, 5% dropped connections, 1% 429 bursts\n`,
);
const t0 = performance.now();
const result = await runSoak({ codes, log: (l) => console.log(l) });
console.log(`\n| phase | time | requests | faults served | 429s |\n|---|---:|---:|---:|---:|`);
for (const p of result.phases)
  console.log(
    `| ${p.phase} | ${(p.ms / 1000).toFixed(1)} s | ${p.requests} | ${p.faults} | ${p.status429} |`,
  );
const failed = result.checks.filter((c) => !c.ok);
console.log(
  `\nTotal ${((performance.now() - t0) / 1000).toFixed(1)} s; ${result.checks.length - failed.length} of ${result.checks.length} invariants hold.`,
);
process.exit(failed.length ? 1 : 0);
