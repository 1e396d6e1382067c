// What checking a request costs (issue 11, RV-1..RV-5): `validateRequest` alone, per request, on the benchmark
// workloads, beside the compiled `check` that includes it. Run: npm run bench -- request-validation
// (figures are recorded in docs/benchmarks.md). Assertions: none; this prints figures.
import { performance } from 'node:perf_hooks';
import { readCaller } from '../../src/request/read-caller.js';
import { validateRequest } from '../../src/request/validate-request.js';
import { compile } from '../../src/index.js';
import type { RequestInput } from '../../src/index.js';
import { requestsC, workloadA, workloadB } from './compiled-workloads.js';

/** Nanoseconds per call of `run` over `requests`, the median of 7 rounds of at least 200 ms each. */
function nsPerCall(requests: readonly RequestInput[], run: (request: RequestInput) => unknown): number {
  for (let i = 0; i < 50_000; i += 1) run(requests[i % requests.length] as RequestInput);
  const rounds: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < 200) {
      for (let i = 0; i < 5_000; i += 1) run(requests[(calls + i) % requests.length] as RequestInput);
      calls += 5_000;
    }
    rounds.push(((performance.now() - start) * 1e6) / calls);
  }
  rounds.sort((a, b) => a - b);
  return rounds[3] as number;
}

const workloads = [
  { name: '(a) no context', policies: workloadA.policies, requests: workloadA.requests },
  { name: '(b) 9 context keys', policies: workloadB.policies, requests: workloadB.requests },
  { name: '(c) 10,000 distinct requests', policies: workloadB.policies, requests: requestsC() },
];

console.log('| workload | validateRequest | compiled check (includes it) | share |');
console.log('| --- | ---: | ---: | ---: |');
for (const { name, policies, requests } of workloads) {
  const compiled = compile(policies);
  const validate = nsPerCall(requests, (request) => validateRequest(request, undefined, readCaller));
  const check = nsPerCall(requests, (request) => compiled.check(request));
  console.log(
    `| ${name} | ${validate.toFixed(0)} ns | ${check.toFixed(0)} ns | ${((100 * validate) / check).toFixed(0)} % |`,
  );
}
console.log(`\nNode ${process.version}; validateRequest includes reading the caller, which check needs anyway.`);
