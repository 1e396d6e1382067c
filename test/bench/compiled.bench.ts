// Compiled policy sets against the uncompiled evaluator and @cloud-copilot/iam-simulate (issue 7), on the built package.
// `npm run bench -- compiled`. Prints the tables and writes them into docs/benchmarks.md between the markers of the
// "Compiled policy sets" section. Asserts nothing: no benchmark is part of `npm test`.
//
// iam-simulate is AGPL: it is installed into a temporary folder outside the repository (`npm install --prefix`), never
// into package.json, and only its public API is called.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requestsC, scaled, workloadA, workloadB, workloadD } from './compiled-workloads.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist', 'index.js');
const work = join(tmpdir(), 'iam-policy-evaluator-bench');
mkdirSync(work, { recursive: true });

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

// 1. The package as users get it: build when dist/ is missing or older than src/.
if (!existsSync(dist) || statSync(dist).mtimeMs < newest(join(root, 'src'))) {
  console.log('building the package (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

// 2. iam-simulate in a temporary folder, never in package.json (AGPL).
const simulateDir = join(work, 'node_modules', '@cloud-copilot', 'iam-simulate');
if (!existsSync(simulateDir)) {
  console.log(`installing @cloud-copilot/iam-simulate into ${work}…`);
  spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      work,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '@cloud-copilot/iam-simulate',
    ],
    { stdio: 'inherit' },
  );
}
const simulateInstalled = existsSync(simulateDir);
const version = (dir: string): string =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
const simulateVersion = simulateInstalled ? version(simulateDir) : undefined;

// 3. The workloads, as JSON for the measuring processes.
const SCALES = [10, 100, 1_000, 10_000];
const workloadsFile = join(work, 'workloads.json');
writeFileSync(
  workloadsFile,
  JSON.stringify({
    a: workloadA,
    b: workloadB,
    c: requestsC(),
    d: workloadD,
    scaling: SCALES.map((extra) => ({ extra, ...scaled(extra) })),
  }),
);
const configFile = join(work, 'config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    dist,
    workloads: workloadsFile,
    seconds: Number(process.env['BENCH_SECONDS'] ?? 1),
    agreementSample: 1000,
    ...(simulateInstalled
      ? {
          iamSimulate: join(simulateDir, 'dist', 'esm', 'index.js'),
          iamPolicy: join(work, 'node_modules', '@cloud-copilot', 'iam-policy', 'dist', 'esm', 'index.js'),
        }
      : {}),
  }),
);

function runNode(args: readonly string[]): string {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

// 4. Cold import of the built package: a fresh node per run, minus a bare node, interleaved, medians. Inside each run
// the import alone is timed too (CPU and wall), which other jobs on the machine disturb less.
interface ImportTiming {
  readonly wallMinusBareMs: number;
  readonly inProcessCpuMs: number;
  readonly inProcessWallMs: number;
}
function coldImport(file: string, runs: number): ImportTiming {
  const url = JSON.stringify(pathToFileURL(file).href);
  const probe =
    `const c = process.cpuUsage(), t = performance.now();` +
    `import(${url}).then(() => { const u = process.cpuUsage(c);` +
    `console.log(JSON.stringify({ cpu: (u.user + u.system) / 1000, wall: performance.now() - t })); })`;
  const time = (args: readonly string[]): { readonly ms: number; readonly out: string } => {
    const start = performance.now();
    const out = runNode(args);
    return { ms: performance.now() - start, out };
  };
  time(['-e', probe]);
  const imports: number[] = [];
  const bare: number[] = [];
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    bare.push(time(['-e', '0']).ms);
    const run = time(['-e', probe]);
    imports.push(run.ms);
    const inside = JSON.parse(run.out) as { readonly cpu: number; readonly wall: number };
    cpu.push(inside.cpu);
    wall.push(inside.wall);
  }
  return {
    wallMinusBareMs: median(imports) - median(bare),
    inProcessCpuMs: median(cpu),
    inProcessWallMs: median(wall),
  };
}

interface Rate {
  readonly perCpuSecond: number;
  readonly perWallSecond: number;
  readonly ops: number;
}
type Methods = Readonly<Record<string, Rate>>;
interface Throughput {
  readonly workloads: Readonly<Record<'a' | 'b' | 'c' | 'd', Methods>>;
  readonly scaling: readonly (Methods & { readonly extra: number; readonly statements: number })[];
  readonly agreement: Readonly<
    Record<
      string,
      | {
          readonly requests: number;
          readonly runSimulation: number;
          readonly runSimulationErrors: number;
          readonly runUnsafeSimulation: number;
        }
      | undefined
    >
  >;
}

console.log('measuring throughput (a few minutes)…');
const throughput = JSON.parse(runNode([join(root, 'test/bench/compiled-throughput.mjs'), configFile])) as Throughput;
console.log('measuring cold import and memory…');
const imported = coldImport(dist, 20);
const memory = JSON.parse(runNode(['--expose-gc', join(root, 'test/bench/compiled-memory.mjs'), configFile])) as {
  readonly copies: number;
  readonly bytesPerSet: number;
  readonly statements: number;
};
console.log('measuring the heap over 10M checks with distinct contexts…');
const heap = JSON.parse(runNode(['--expose-gc', join(root, 'test/bench/compiled-heap.mjs'), configFile])) as {
  readonly checks: number;
  readonly heapAfterEachMillion: readonly number[];
  readonly growthBytes: number;
  readonly maxAboveFirstBytes: number;
};

// 5. The report.
const cpuModel =
  /model name\s*:\s*(.+)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ??
  cpus()[0]?.model ??
  'unknown';
const date = execFileSync('date', ['-u', '+%Y-%m-%d %H:%M UTC'], { encoding: 'utf8' }).trim();
const [load1, load5] = loadavg();

const fmtRate = (rate: Rate | undefined): string =>
  rate === undefined
    ? '—'
    : rate.perCpuSecond >= 100
      ? Math.round(rate.perCpuSecond).toLocaleString('en-US')
      : rate.perCpuSecond.toFixed(1);
const fmtUs = (rate: Rate | undefined): string => {
  if (rate === undefined) return '—';
  const us = 1e6 / rate.perCpuSecond;
  return us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : us >= 10 ? `${us.toFixed(0)} µs` : `${us.toFixed(2)} µs`;
};
const ratio = (fast: Rate | undefined, slow: Rate | undefined): number | undefined =>
  fast === undefined || slow === undefined ? undefined : fast.perCpuSecond / slow.perCpuSecond;
const fmtRatio = (value: number | undefined): string =>
  value === undefined ? '—' : value >= 100 ? `${Math.round(value).toLocaleString('en-US')}×` : `${value.toFixed(1)}×`;

const METHODS: readonly [string, string][] = [
  ['check', '`compiled.check`'],
  ['evaluate', '`compiled.evaluate` (trace not read)'],
  ['evaluateWithTrace', '`compiled.evaluate` + read `trace`'],
  ['cachedEvaluate', '`evaluate(input)`, sources seen before'],
  ['cachedEvaluateFrozen', '`evaluate(input)`, sources seen before, documents deeply frozen'],
  ['uncompiledEvaluate', '`evaluate(input)`, new sources (uncompiled)'],
  ['runUnsafeSimulation', `iam-simulate \`runUnsafeSimulation\``],
  ['runSimulation', `iam-simulate \`runSimulation\` (async)`],
];
const WORKLOADS = [
  ['a', '(a) identity Allow `ec2:RunInstances` + boundary Deny `ec2:*`'],
  ['b', '(b) 100 identity statements / 10 services, 3 SCP levels, 2 RCP levels, boundary, bucket policy'],
  ['c', '(c) 10,000 distinct requests against (b)'],
  [
    'd',
    '(d) conditions (IP ranges, principal tag, MFA, dates, region, `${aws:username}` in Resource), a fresh request per call',
  ],
] as const;

const lines: string[] = [];
lines.push(
  `- Command: \`npm run bench -- compiled\` (\`test/bench/compiled.bench.ts\`; measuring code runs in plain \`node\` on the built \`dist/index.js\`)`,
  `- Machine: ${cpuModel}, ${cpus().length} cores (\`nproc\`), shared with other jobs: load average ${load1?.toFixed(1)} (1 min), ${load5?.toFixed(1)} (5 min) when the report was written`,
  `- Node: ${process.version}; iam-simulate: ${simulateVersion ?? 'not installed (no registry access)'}`,
  `- Date: ${date}`,
  `- Rates are operations per **CPU second** of the measuring process (user + system time), the median of 5 samples after a warm-up, so that other jobs on the shared cores do not count; wall-clock rates are in the JSON the script prints. One core: the measuring process is single-threaded.`,
  '',
  '### Throughput (operations per CPU second; time per operation below)',
  '',
  `| method | ${WORKLOADS.map(([, title]) => title).join(' | ')} |`,
  `| --- | ${WORKLOADS.map(() => '---:').join(' | ')} |`,
);
for (const [key, title] of METHODS) {
  lines.push(
    `| ${title} | ${WORKLOADS.map(([w]) => `${fmtRate(throughput.workloads[w][key])} (${fmtUs(throughput.workloads[w][key])})`).join(' | ')} |`,
  );
}
lines.push('', '### Ratios, measured side by side in the same run', '');
lines.push(
  `| ratio | ${WORKLOADS.map(([w]) => `(${w})`).join(' | ')} |`,
  `| --- | ${WORKLOADS.map(() => '---:').join(' | ')} |`,
);
const ratioRow = (title: string, of: (m: Methods) => number | undefined): void => {
  lines.push(`| ${title} | ${WORKLOADS.map(([w]) => fmtRatio(of(throughput.workloads[w]))).join(' | ')} |`);
};
ratioRow('`check` faster than `runUnsafeSimulation`', (m) => ratio(m['check'], m['runUnsafeSimulation']));
ratioRow('`check` faster than `runSimulation`', (m) => ratio(m['check'], m['runSimulation']));
ratioRow('`compiled.evaluate` faster than `runUnsafeSimulation`', (m) =>
  ratio(m['evaluate'], m['runUnsafeSimulation']),
);
ratioRow('`compiled.evaluate` + trace faster than `runUnsafeSimulation`', (m) =>
  ratio(m['evaluateWithTrace'], m['runUnsafeSimulation']),
);
ratioRow('`check` faster than uncompiled `evaluate`', (m) => ratio(m['check'], m['uncompiledEvaluate']));
ratioRow('time of `compiled.evaluate` ÷ time of `check`', (m) => ratio(m['check'], m['evaluate']));
ratioRow('time of `compiled.evaluate` + trace ÷ time of `check`', (m) => ratio(m['check'], m['evaluateWithTrace']));
ratioRow('cached `evaluate(input)` faster than uncompiled', (m) => ratio(m['cachedEvaluate'], m['uncompiledEvaluate']));
ratioRow('time of cached `evaluate(input)` ÷ time of `check`', (m) => ratio(m['check'], m['cachedEvaluate']));
ratioRow('time of cached `evaluate(input)`, frozen documents, ÷ time of `check`', (m) =>
  ratio(m['check'], m['cachedEvaluateFrozen']),
);

const agreementLines: string[] = [];
for (const [w] of WORKLOADS) {
  const a = throughput.agreement[w];
  if (a === undefined) continue;
  agreementLines.push(
    `(${w}) ${a.runSimulation}/${a.requests} with \`runSimulation\`${a.runSimulationErrors > 0 ? ` (${a.runSimulationErrors} refused as invalid)` : ''}, ${a.runUnsafeSimulation}/${a.requests} with \`runUnsafeSimulation\``,
  );
}
if (agreementLines.length > 0) {
  lines.push(
    '',
    `Same decisions as iam-simulate (a sanity check that both do the same work): ${agreementLines.join('; ')}.`,
  );
}

lines.push('', '### Cost as statements that cannot match the action grow', '');
lines.push(
  '(a) plus N identity statements naming other actions (exact actions of ten other services, 50 to a policy). Time per operation (CPU); the last column is the growth of `check` from N = 10.',
  '',
  '| N | statements | `check` | `compiled.evaluate` | `compiled.evaluate` + trace | uncompiled `evaluate` | `check` growth |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
const base = throughput.scaling[0]?.['check'];
for (const row of throughput.scaling) {
  lines.push(
    `| ${row.extra.toLocaleString('en-US')} | ${row.statements.toLocaleString('en-US')} | ${fmtUs(row['check'])} | ${fmtUs(row['evaluate'])} | ${fmtUs(row['evaluateWithTrace'])} | ${fmtUs(row['uncompiledEvaluate'])} | ${fmtRatio(ratio(base, row['check']))} |`,
  );
}

const importMs = imported.wallMinusBareMs;
lines.push(
  '',
  '### Import and memory',
  '',
  `- Cold import of \`dist/index.js\`: **${importMs.toFixed(1)} ms** (median of 20 fresh \`node -e "import(…)"\` runs minus the median of 20 bare \`node -e 0\`, wall clock); timed inside the process: ${imported.inProcessWallMs.toFixed(1)} ms wall, ${imported.inProcessCpuMs.toFixed(1)} ms CPU.`,
  `- Heap over ${heap.checks.toLocaleString('en-US')} checks of (d), each with a new resource, source address and time: after each million checks (full collections) ${heap.heapAfterEachMillion.map((bytes) => `${(bytes / 1024 / 1024).toFixed(1)}`).join(', ')} MiB; growth from the first million to the last **${(heap.growthBytes / 1024).toFixed(0)} KiB**, at most ${(heap.maxAboveFirstBytes / 1024).toFixed(0)} KiB above the first.`,
  `- Memory held by one compiled set (b) (${memory.statements} statements): **${(memory.bytesPerSet / 1024).toFixed(0)} KiB** (heap growth over ${memory.copies} sets compiled from their own copies of the documents, after full collections, \`node --expose-gc\`).`,
);

const check = (met: boolean): string => (met ? 'met' : '**missed**');
const wa = throughput.workloads.a;
const wb = throughput.workloads.b;
const growth = ratio(base, throughput.scaling.at(-1)?.['check']);
const targets: [string, string, boolean][] = [
  ['`check` ≥ 2,000,000/s on (a)', fmtRate(wa['check']), (wa['check']?.perCpuSecond ?? 0) >= 2_000_000],
  ['`check` ≥ 200,000/s on (b)', fmtRate(wb['check']), (wb['check']?.perCpuSecond ?? 0) >= 200_000],
  [
    'full `evaluate` ≤ 3× `check`, (a)',
    `${fmtRatio(ratio(wa['check'], wa['evaluate']))} (trace read: ${fmtRatio(ratio(wa['check'], wa['evaluateWithTrace']))})`,
    (ratio(wa['check'], wa['evaluate']) ?? 99) <= 3,
  ],
  [
    'full `evaluate` ≤ 3× `check`, (b)',
    `${fmtRatio(ratio(wb['check'], wb['evaluate']))} (trace read: ${fmtRatio(ratio(wb['check'], wb['evaluateWithTrace']))})`,
    (ratio(wb['check'], wb['evaluate']) ?? 99) <= 3,
  ],
  [
    '≥ 20× `runUnsafeSimulation`, (a)',
    fmtRatio(ratio(wa['check'], wa['runUnsafeSimulation'])),
    (ratio(wa['check'], wa['runUnsafeSimulation']) ?? 0) >= 20,
  ],
  [
    '≥ 20× `runUnsafeSimulation`, (b)',
    fmtRatio(ratio(wb['check'], wb['runUnsafeSimulation'])),
    (ratio(wb['check'], wb['runUnsafeSimulation']) ?? 0) >= 20,
  ],
  [
    'sub-linear in statements that cannot match',
    `×${growth?.toFixed(2) ?? '—'} for ×1,000 statements`,
    (growth ?? 1e9) < 10,
  ],
  ['import ≤ 30 ms', `${importMs.toFixed(1)} ms`, importMs <= 30],
  ['compiled (b) ≤ 2 MB', `${(memory.bytesPerSet / 1024).toFixed(0)} KiB`, memory.bytesPerSet <= 2 * 1024 * 1024],
];
lines.push('', '### Targets (issue 7), from this run', '', '| target | measured | |', '| --- | ---: | --- |');
for (const [target, measured, met] of targets) lines.push(`| ${target} | ${measured} | ${check(met)} |`);

const wd = throughput.workloads.d;
const worst = (of: (m: Methods) => number | undefined): number =>
  Math.max(...(['a', 'b', 'd'] as const).map((w) => of(throughput.workloads[w]) ?? Number.POSITIVE_INFINITY));
const traceCost = worst((m) => ratio(m['check'], m['evaluateWithTrace']));
const evaluateCost = worst((m) => ratio(m['check'], m['cachedEvaluate']));
const evaluateFrozenCost = worst((m) => ratio(m['check'], m['cachedEvaluateFrozen']));
const heapFlat = heap.maxAboveFirstBytes < 1024 * 1024;
const targets12: [string, string, boolean][] = [
  [
    '(a) `check` ≥ 50× `runUnsafeSimulation`',
    fmtRatio(ratio(wa['check'], wa['runUnsafeSimulation'])),
    (ratio(wa['check'], wa['runUnsafeSimulation']) ?? 0) >= 50,
  ],
  [
    '(b) `check` ≥ 1,000× `runUnsafeSimulation`',
    fmtRatio(ratio(wb['check'], wb['runUnsafeSimulation'])),
    (ratio(wb['check'], wb['runUnsafeSimulation']) ?? 0) >= 1000,
  ],
  [
    '(d) `check` ≥ 50× `runUnsafeSimulation`',
    fmtRatio(ratio(wd['check'], wd['runUnsafeSimulation'])),
    (ratio(wd['check'], wd['runUnsafeSimulation']) ?? 0) >= 50,
  ],
  ['(d) `check` ≥ 1,000,000/s', fmtRate(wd['check']), (wd['check']?.perCpuSecond ?? 0) >= 1_000_000],
  ['whole trace read ≤ 2× the decision alone (worst of a, b, d)', fmtRatio(traceCost), traceCost <= 2],
  [
    '`evaluate(input)`, same sources, ≤ 3× `check` (worst of a, b, d)',
    `${fmtRatio(evaluateCost)} (documents deeply frozen: ${fmtRatio(evaluateFrozenCost)})`,
    evaluateCost <= 3,
  ],
  ['heap flat over 10M checks with distinct contexts', `${(heap.growthBytes / 1024).toFixed(0)} KiB growth`, heapFlat],
  ['import ≤ 20 ms (median of 20 cold runs)', `${importMs.toFixed(1)} ms`, importMs <= 20],
];
lines.push('', '### Targets (issue 12), from this run', '', '| target | measured | |', '| --- | ---: | --- |');
for (const [target, measured, met] of targets12) lines.push(`| ${target} | ${measured} | ${check(met)} |`);

const report = lines.join('\n');
console.log(`\n${report}\n`);

// 6. Into docs/benchmarks.md, between the markers of this section only.
const BEGIN = '<!-- compiled-policy-sets:results:begin (written by npm run bench -- compiled) -->';
const END = '<!-- compiled-policy-sets:results:end -->';
const docPath = join(root, 'docs', 'benchmarks.md');
const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
const block = `${BEGIN}\n\n${report}\n\n${END}`;
const updated =
  start >= 0 && end > start
    ? `${doc.slice(0, start)}${block}${doc.slice(end + END.length)}`
    : `${doc.trimEnd()}\n\n## Compiled policy sets\n\n${block}\n`;
writeFileSync(docPath, updated);
console.log(`written to ${docPath}`);
console.log(`raw figures: ${JSON.stringify({ throughput, imported, memory, heap })}`);
