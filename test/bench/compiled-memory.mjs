// Memory held by compiled policy sets: run by compiled.bench.ts as `node --expose-gc compiled-memory.mjs <config>`.
// Compiles `copies` copies of workload (b), each from its own fresh documents (so the weak cache shares nothing),
// keeps only the compiled sets, and reports the heap growth per set after full garbage collections. Prints JSON.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const lib = await import(pathToFileURL(config.dist).href);
const workloads = JSON.parse(readFileSync(config.workloads, 'utf8'));
const text = JSON.stringify(workloads.b.policies);
const request = workloads.b.requests[0];
const copies = config.copies ?? 40;

const settle = () => {
  for (let i = 0; i < 4; i += 1) globalThis.gc();
  return process.memoryUsage().heapUsed;
};

// Warm every code path first, so compiled code and lazily built tables are not counted.
lib.compile(JSON.parse(text)).check(request);
const before = settle();
const kept = [];
for (let i = 0; i < copies; i += 1) kept.push(lib.compile(JSON.parse(text)));
const after = settle();
let decisions = 0;
for (const compiled of kept) decisions += compiled.check(request).length;
process.stdout.write(
  JSON.stringify({ copies, bytesPerSet: (after - before) / copies, statements: kept[0].statementCount, decisions }),
);
