// Throughput of compiled policy sets against the alternatives, on the built package (dist/), in a plain Node process
// (no loader transforms the code measured). Started by compiled.bench.ts with a JSON config path; prints one JSON
// object. Asserts nothing: a benchmark, not a test.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const lib = await import(pathToFileURL(config.dist).href);
const simulate = config.iamSimulate === undefined ? undefined : await import(pathToFileURL(config.iamSimulate).href);
const iamPolicy = config.iamPolicy === undefined ? undefined : await import(pathToFileURL(config.iamPolicy).href);
const workloads = JSON.parse(readFileSync(config.workloads, 'utf8'));
const seconds = config.seconds ?? 1;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs `op(i)` in samples: after a warm-up, `samples` samples of about `seconds / samples` each (at least one op).
 * Rates are per CPU second of this process (user + system, so other jobs on the machine do not count) and per wall
 * second; the median sample is reported.
 */
async function measure(op, { budget = seconds, samples = 5, async = false } = {}) {
  const run = async (ms, minOps) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let ops = 0;
    let elapsed = 0;
    while (ops < minOps || elapsed < ms) {
      const batch = ops < 16 ? 1 : 64;
      for (let i = 0; i < batch; i += 1) {
        if (async) await op(ops + i);
        else op(ops + i);
      }
      ops += batch;
      elapsed = performance.now() - t0;
    }
    const cpu = process.cpuUsage(cpu0);
    return { ops, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: elapsed / 1000 };
  };
  await run(Math.min(300, budget * 300), 1);
  const results = [];
  for (let s = 0; s < samples; s += 1) results.push(await run((budget * 1000) / samples, 1));
  return {
    perCpuSecond: median(results.map((r) => r.ops / r.cpuSeconds)),
    perWallSecond: median(results.map((r) => r.ops / r.wallSeconds)),
    ops: results.reduce((sum, r) => sum + r.ops, 0),
  };
}

/** The same request as iam-simulate's `Simulation`: context values as strings, the resource's account named. */
function toSimulation(policies, request, unsafe) {
  const arnAccount = request.resource.split(':')[4];
  const account =
    request.resourceAccount ??
    (arnAccount !== undefined && arnAccount !== '' ? arnAccount : request.principal.split(':')[4]);
  const contextVariables = {};
  for (const [key, value] of Object.entries(request.context ?? {})) {
    contextVariables[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  const named = (source) => ({ name: source.id, policy: source.document });
  const levels = (list) =>
    (list ?? []).map((level) => ({ orgIdentifier: level.target, policies: level.policies.map(named) }));
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: account },
      contextVariables,
    },
    identityPolicies: (policies.identity ?? []).map(named),
    serviceControlPolicies: levels(policies.serviceControlPolicies),
    resourceControlPolicies: levels(policies.resourceControlPolicies),
  };
  if (policies.permissionsBoundary !== undefined) {
    simulation.permissionBoundaryPolicies = [named(policies.permissionsBoundary)];
  }
  if (policies.resource !== undefined) {
    // runUnsafeSimulation loads the resource policy without a name and then reads it (0.1.173): a ValidatedPolicy
    // (iam-policy's public createValidatedPolicy) carries one.
    simulation.resourcePolicy =
      unsafe && iamPolicy !== undefined
        ? iamPolicy.createValidatedPolicy(policies.resource.document, () => [], { name: policies.resource.id })
        : policies.resource.document;
  }
  return simulation;
}

const SIMULATE_DECISIONS = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };

/** Fresh PolicySource wrappers around the same documents: the weak cache misses, so every call parses. */
function uncached(policies) {
  const wrap = (source) => ({ id: source.id, document: source.document });
  const levels = (list) => list?.map((level) => ({ target: level.target, policies: level.policies.map(wrap) }));
  return {
    ...(policies.identity === undefined ? {} : { identity: policies.identity.map(wrap) }),
    ...(policies.resource === undefined ? {} : { resource: wrap(policies.resource) }),
    ...(policies.permissionsBoundary === undefined ? {} : { permissionsBoundary: wrap(policies.permissionsBoundary) }),
    ...(policies.session === undefined ? {} : { session: policies.session.map(wrap) }),
    ...(policies.serviceControlPolicies === undefined
      ? {}
      : { serviceControlPolicies: levels(policies.serviceControlPolicies) }),
    ...(policies.resourceControlPolicies === undefined
      ? {}
      : { resourceControlPolicies: levels(policies.resourceControlPolicies) }),
    ...(policies.vpcEndpoint === undefined ? {} : { vpcEndpoint: policies.vpcEndpoint.map(wrap) }),
  };
}

/**
 * Request `i` of workload (d), built afresh: a new request and context object on every call, the values varying
 * with `i` (the resource's user matches the caller's on one call in five).
 */
function freshConditionsRequest(values, i) {
  const { account, users, ips, teams, regions, times } = values;
  const user = users[i % users.length];
  return {
    principal: `arn:aws:iam::${account}:user/${user}`,
    action: 's3:GetObject',
    resource: `arn:aws:s3:::home/${users[(i >> 2) % users.length]}/obj-${i % 1000}`,
    context: {
      'aws:SourceIp': ips[i % ips.length],
      'aws:MultiFactorAuthPresent': i % 3 !== 0,
      'aws:PrincipalTag/team': teams[i % teams.length],
      'aws:RequestedRegion': regions[(i >> 1) % regions.length],
      'aws:CurrentTime': times[i % times.length],
      'aws:TokenIssueTime': times[(i + 1) % times.length],
      'aws:PrincipalAccount': account,
    },
  };
}

/** Deeply frozen copies of a set's documents: the weak cache then checks a hit by identity alone. */
function frozenCopy(policies) {
  const freeze = (value) => {
    if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(freeze);
      Object.freeze(value);
    }
    return value;
  };
  return freeze(JSON.parse(JSON.stringify(policies)));
}

let sink = 0;
const count = (decision) => {
  sink += decision.length;
};

/** Every method on one workload: `requests` cycled through. */
async function methods(policies, requests, options = {}) {
  const compiled = lib.compile(policies);
  const at = options.fresh ?? ((i) => requests[i % requests.length]);
  const frozen = frozenCopy(policies);
  const out = {};
  out.check = await measure((i) => count(compiled.check(at(i))));
  out.evaluate = await measure((i) => count(compiled.evaluate(at(i)).decision));
  out.evaluateWithTrace = await measure((i) => {
    const result = compiled.evaluate(at(i));
    count(result.decision);
    sink += result.trace.policyTypes.length;
  });
  out.cachedEvaluate = await measure((i) => count(lib.evaluate({ request: at(i), policies }).decision));
  out.cachedEvaluateFrozen = await measure((i) => count(lib.evaluate({ request: at(i), policies: frozen }).decision));
  out.uncompiledEvaluate = await measure(
    (i) => count(lib.evaluate({ request: at(i), policies: uncached(policies) }).decision),
    {
      budget: options.slowBudget ?? seconds,
      samples: options.slowSamples ?? 5,
    },
  );
  if (simulate !== undefined && options.simulate !== false) {
    // With fresh requests each simulation is built afresh too, from the fresh request.
    const unsafe = requests.map((request) => toSimulation(policies, request, true));
    const safe = requests.map((request) => toSimulation(policies, request, false));
    const unsafeAt = options.fresh
      ? (i) => toSimulation(policies, options.fresh(i), true)
      : (i) => unsafe[i % unsafe.length];
    const safeAt = options.fresh
      ? (i) => toSimulation(policies, options.fresh(i), false)
      : (i) => safe[i % safe.length];
    out.runUnsafeSimulation = await measure((i) => count(simulate.runUnsafeSimulation(unsafeAt(i), {})));
    out.runSimulation = await measure(
      async (i) => {
        const result = await simulate.runSimulation(safeAt(i), {});
        count(result.resultType);
      },
      { async: true },
    );
  }
  return out;
}

/** How often iam-simulate decides as we do, on the first `limit` requests (a sanity check of the comparison). */
async function agreement(policies, requests, limit) {
  if (simulate === undefined) return undefined;
  const compiled = lib.compile(policies);
  let unsafeSame = 0;
  let safeSame = 0;
  let errors = 0;
  const sample = requests.slice(0, limit);
  for (const request of sample) {
    const ours = compiled.check(request);
    if (SIMULATE_DECISIONS[simulate.runUnsafeSimulation(toSimulation(policies, request, true), {})] === ours)
      unsafeSame += 1;
    const safe = await simulate.runSimulation(toSimulation(policies, request, false), {});
    if (safe.resultType === 'error') errors += 1;
    else if (SIMULATE_DECISIONS[safe.overallResult] === ours) safeSame += 1;
  }
  return {
    requests: sample.length,
    runSimulation: safeSame,
    runSimulationErrors: errors,
    runUnsafeSimulation: unsafeSame,
  };
}

const results = { workloads: {}, scaling: [], agreement: {} };
for (const key of ['a', 'b']) {
  results.workloads[key] = await methods(workloads[key].policies, workloads[key].requests);
  results.agreement[key] = await agreement(workloads[key].policies, workloads[key].requests, 1);
}
results.workloads.c = await methods(workloads.b.policies, workloads.c);
results.agreement.c = await agreement(workloads.b.policies, workloads.c, config.agreementSample ?? 500);
const freshD = (i) => freshConditionsRequest(workloads.d.values, i);
const sampleD = Array.from({ length: 1000 }, (_, i) => freshD(i));
results.workloads.d = await methods(workloads.d.policies, sampleD, { fresh: freshD });
results.agreement.d = await agreement(workloads.d.policies, sampleD, config.agreementSample ?? 500);
for (const entry of workloads.scaling) {
  const compiled = lib.compile(entry.policies);
  const request = entry.requests[0];
  results.scaling.push({
    extra: entry.extra,
    statements: compiled.statementCount,
    decision: compiled.check(request),
    ...(await methods(entry.policies, entry.requests, {
      simulate: false,
      slowBudget: Math.min(seconds, 1),
      slowSamples: 3,
    })),
  });
}
results.sink = sink;
process.stdout.write(JSON.stringify(results));
