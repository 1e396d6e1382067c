// The service catalogue's cost (issue 14): its size, raw and gzipped; the cold import of the built entry with and
// without a first catalogue lookup; the first load; the first service indexed; every service indexed.
// Run: npm run build && npm run bench -- catalogue
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../../', import.meta.url));
const data = readFileSync(`${root}catalogue/aws-catalogue.json`);
console.log(`catalogue/aws-catalogue.json: ${data.length} bytes, ${gzipSync(data, { level: 9 }).length} gzipped`);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const RUNS = 15;
const script = `
const t0 = performance.now();
const m = await import(${JSON.stringify(`${root}dist/index.js`)});
const t1 = performance.now();
const c = m.awsCatalogue();
const t2 = performance.now();
c.action('s3:GetObject');
const t3 = performance.now();
c.expandActions('*');
const t4 = performance.now();
console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2, t4 - t3]));`;
const runs = Array.from(
  { length: RUNS },
  () =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as number[],
);
const column = (i: number): number => median(runs.map((run) => run[i] ?? 0));
console.log(`median of ${RUNS} fresh processes (ms, wall clock, timed inside the process):`);
console.log(`  import of dist/index.js:              ${column(0).toFixed(1)}`);
console.log(`  first awsCatalogue() (read + parse):  ${column(1).toFixed(1)}`);
console.log(`  first action lookup (one service):    ${column(2).toFixed(2)}`);
console.log(`  expandActions('*') (every service):   ${column(3).toFixed(1)}`);
