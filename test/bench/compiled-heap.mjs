// The heap over many checks with distinct contexts (issue 12): run by compiled.bench.ts as
// `node --expose-gc compiled-heap.mjs <config>`. Checks workload (d) with a fresh request on every call, and after
// every million checks collects garbage and reads the heap. A flat heap shows that nothing a request brings is kept
// (the bounded per-matcher cache of completed Resource patterns holds at most 64 entries). Prints JSON.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const lib = await import(pathToFileURL(config.dist).href);
const workloads = JSON.parse(readFileSync(config.workloads, 'utf8'));
const { values, policies } = workloads.d;
const total = config.heapChecks ?? 10_000_000;
const step = 1_000_000;

const settle = () => {
  for (let i = 0; i < 4; i += 1) globalThis.gc();
  return process.memoryUsage().heapUsed;
};

const compiled = lib.compile(policies);
let sink = 0;
const samples = [];
for (let done = 0; done < total; done += step) {
  for (let i = done; i < done + step; i += 1) {
    const user = values.users[i % values.users.length];
    sink += compiled.check({
      principal: `arn:aws:iam::${values.account}:user/${user}`,
      action: 's3:GetObject',
      // Distinct on every call: a new resource and a new source address each time.
      resource: `arn:aws:s3:::home/${values.users[(i >> 2) % values.users.length]}/obj-${i}`,
      context: {
        'aws:SourceIp': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        'aws:MultiFactorAuthPresent': i % 3 !== 0,
        'aws:PrincipalTag/team': values.teams[i % values.teams.length],
        'aws:RequestedRegion': values.regions[(i >> 1) % values.regions.length],
        'aws:CurrentTime': new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        'aws:TokenIssueTime': values.times[(i + 1) % values.times.length],
      },
    }).length;
  }
  samples.push(settle());
}
const first = samples[0];
process.stdout.write(
  JSON.stringify({
    checks: total,
    heapAfterEachMillion: samples,
    growthBytes: samples.at(-1) - first,
    maxAboveFirstBytes: Math.max(...samples) - first,
    sink,
  }),
);
