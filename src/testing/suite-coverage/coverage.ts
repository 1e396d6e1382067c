import type { EvaluationResult } from '../../model/evaluation-result.js';
import { loadPolicy } from '../../normalizer/load-policy.js';
import type { NormalizedPolicy } from '../../model/normalized-policy.js';
import type { PolicyType } from '../../model/policy-type.js';
import type { PolicySet, PolicySource } from '../../model/request.js';
import type { IntentSuiteResult, PolicyFileRef } from '../suite/types.js';

/**
 * Reads a policy into its statements, throwing when it is invalid; the library's `loadPolicy` fits. Coverage and
 * request generation take it as a parameter so that callers can cache or instrument the reading.
 *
 * @example
 * ```ts
 * import { computeCoverage, evaluate, loadPolicy } from 'iam-policy-evaluator';
 * import type { LoadPolicyFunction } from 'iam-policy-evaluator';
 * const read: string[] = [];
 * const load: LoadPolicyFunction = (source, options) => {
 *   read.push(options.policyId);
 *   return loadPolicy(source, options);
 * };
 * const policies = { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Allow', Action: '*', Resource: '*' },
 *   { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
 * ] } }] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' };
 * computeCoverage([{ name: 'read', policies, files: [], result: evaluate({ request, policies }) }], load).total; //=> 2
 * read; //=> ['p']
 * ```
 */
export type LoadPolicyFunction = (
  source: unknown,
  options: { policyType: PolicyType; policyId: string },
) => NormalizedPolicy;

/** `load`, with an invalid policy read as none. */
export function tryLoad(
  load: LoadPolicyFunction,
  source: PolicySource,
  policyType: PolicyType,
): NormalizedPolicy | null {
  try {
    return load(source.document, { policyType, policyId: source.id });
  } catch {
    return null;
  }
}

/**
 * How often one statement took part in a suite's decisions, with where it stands, so a report can show statements the
 * tests never exercise.
 *
 * @example
 * ```ts
 * import { computeCoverage, evaluate } from 'iam-policy-evaluator';
 * import type { StatementCoverage } from 'iam-policy-evaluator';
 * const policies = { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Allow', Action: '*', Resource: '*' },
 *   { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
 * ] } }] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' };
 * const coverage = computeCoverage([{ name: 'read', policies, files: [], result: evaluate({ request, policies }) }]);
 * const allow: StatementCoverage | undefined = coverage.statements[0];
 * allow?.effect; //=> 'Allow'
 * allow?.matchedBy; //=> 1
 * allow?.decidedBy; //=> 1
 * allow?.examples; //=> ['read']
 * ```
 */
export interface StatementCoverage {
  /** The policy file, when the policies came from files. */
  readonly file?: string;
  readonly policyType: PolicyType;
  readonly policyId: string;
  readonly orgLevel?: string;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly line: number;
  readonly column: number;
  /** Requests the statement matched (every element and condition held). */
  readonly matchedBy: number;
  /** Requests it decided: it was `deniedBy`, or among `allowedBy`. */
  readonly decidedBy: number;
  /** Names of the first few tests it matched. */
  readonly examples: readonly string[];
}

/**
 * Which statements a suite exercised, and the Deny and Allow statements no request matched: a Deny no test reaches is
 * dead or shadowed, an Allow no test reaches is an untested grant.
 *
 * @example
 * ```ts
 * import { computeCoverage, evaluate } from 'iam-policy-evaluator';
 * import type { SuiteCoverage } from 'iam-policy-evaluator';
 * const policies = { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Allow', Action: '*', Resource: '*' },
 *   { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
 * ] } }] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' };
 * const coverage: SuiteCoverage = computeCoverage([{ name: 'read', policies, files: [], result: evaluate({ request, policies }) }]);
 * coverage.matched; //=> 1
 * coverage.total; //=> 2
 * coverage.unmatchedDenies.map((s) => `${s.policyId} statement ${s.statementIndex}`); //=> ['p statement 1']
 * ```
 */
export interface SuiteCoverage {
  readonly statements: readonly StatementCoverage[];
  readonly total: number;
  /** Statements matched by at least one request. */
  readonly matched: number;
  /** Deny statements no request matched: dead, or shadowed by the rest of the policies for the requests tested. */
  readonly unmatchedDenies: readonly StatementCoverage[];
  /** Allow statements no request matched: untested grants. */
  readonly unmatchedAllows: readonly StatementCoverage[];
}

/**
 * One evaluation to count: its policy set, the files the policies came from, and its result. Build samples from any
 * evaluations, not only from suites.
 *
 * @example
 * ```ts
 * import { computeCoverage, evaluate } from 'iam-policy-evaluator';
 * import type { CoverageSample } from 'iam-policy-evaluator';
 * const policies = { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Allow', Action: '*', Resource: '*' },
 *   { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
 * ] } }] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' };
 * const sample: CoverageSample = {
 *   name: 'alice reads',
 *   policies,
 *   files: [{ policyType: 'identity', policyId: 'p', file: 'policies/identity/p.json' }],
 *   result: evaluate({ request, policies }),
 * };
 * computeCoverage([sample]).statements.map((s) => s.file); //=> ['policies/identity/p.json', 'policies/identity/p.json']
 * ```
 */
export interface CoverageSample {
  readonly name: string;
  readonly policies: PolicySet;
  readonly files: readonly PolicyFileRef[];
  readonly result: EvaluationResult;
}

interface Entry {
  readonly key: string;
  readonly policyType: PolicyType;
  readonly policyId: string;
  readonly orgLevel: string | undefined;
  readonly source: PolicySource;
}

function entries(set: PolicySet): Entry[] {
  const out: Entry[] = [];
  const add = (policyType: PolicyType, source: PolicySource, orgLevel?: string): void => {
    out.push({
      key: `${policyType}\u0000${orgLevel ?? ''}\u0000${source.id}`,
      policyType,
      policyId: source.id,
      orgLevel,
      source,
    });
  };
  for (const p of set.identity ?? []) add('identity', p);
  if (set.resource) add('resource', set.resource);
  if (set.permissionsBoundary) add('permissionsBoundary', set.permissionsBoundary);
  for (const p of set.session ?? []) add('session', p);
  for (const level of set.serviceControlPolicies ?? []) for (const p of level.policies) add('scp', p, level.target);
  for (const level of set.resourceControlPolicies ?? []) for (const p of level.policies) add('rcp', p, level.target);
  for (const p of set.vpcEndpoint ?? []) add('vpcEndpoint', p);
  return out;
}

interface Counter {
  matchedBy: number;
  decidedBy: number;
  examples: string[];
}

/**
 * Counts, for every statement of every policy the samples name, how many requests it matched and how
 * many it decided. Statements are read with `load`, so statements no trace mentions still count as
 * unexercised. A policy is identified by its file when known (so two folders' `FullAWSAccess.json`
 * stay apart), else by type, level and id. Policies that do not parse are left out.
 *
 * @param samples - the evaluations to count
 * @param load - reads a policy into statements; the library's `loadPolicy` by default
 * @returns per-statement counts and the unmatched Deny and Allow statements
 *
 * @example
 * ```ts
 * import { computeCoverage, evaluate } from 'iam-policy-evaluator';
 * const policies = { identity: [{ id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Allow', Action: '*', Resource: '*' },
 *   { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
 * ] } }] };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' };
 * const coverage = computeCoverage([{ name: 'read', policies, files: [], result: evaluate({ request, policies }) }]);
 * coverage.unmatchedDenies.map((s) => s.statementIndex); //=> [1]
 * ```
 */
export function computeCoverage(
  samples: readonly CoverageSample[],
  load: LoadPolicyFunction = loadPolicy,
): SuiteCoverage {
  const statements = new Map<
    string,
    { base: Omit<StatementCoverage, 'matchedBy' | 'decidedBy' | 'examples'>; count: Counter }
  >();
  const parsed = new Map<PolicySource, NormalizedPolicy | null>();
  for (const sample of samples) {
    const fileByKey = new Map<string, string>();
    for (const f of sample.files) fileByKey.set(`${f.policyType}\u0000${f.orgLevel ?? ''}\u0000${f.policyId}`, f.file);
    const local = new Map<string, string>();
    for (const entry of entries(sample.policies)) {
      let policy = parsed.get(entry.source);
      if (policy === undefined) {
        policy = tryLoad(load, entry.source, entry.policyType);
        parsed.set(entry.source, policy);
      }
      if (policy === null) continue;
      const file = fileByKey.get(entry.key);
      const identity = file === undefined ? entry.key : `${entry.policyType}\u0000${entry.orgLevel ?? ''}\u0000${file}`;
      local.set(entry.key, identity);
      for (const s of policy.statements) {
        const key = `${identity}\u0000${s.index}`;
        if (statements.has(key)) continue;
        statements.set(key, {
          base: {
            ...(file === undefined ? {} : { file }),
            policyType: entry.policyType,
            policyId: entry.policyId,
            ...(entry.orgLevel === undefined ? {} : { orgLevel: entry.orgLevel }),
            statementIndex: s.index,
            ...(s.sid === undefined ? {} : { sid: s.sid }),
            effect: s.effect,
            line: s.span.line,
            column: s.span.column,
          },
          count: { matchedBy: 0, decidedBy: 0, examples: [] },
        });
      }
    }
    const counterOf = (
      policyType: PolicyType,
      orgLevel: string | undefined,
      policyId: string,
      index: number,
    ): Counter | undefined => {
      const identity = local.get(`${policyType}\u0000${orgLevel ?? ''}\u0000${policyId}`);
      return identity === undefined ? undefined : statements.get(`${identity}\u0000${index}`)?.count;
    };
    for (const type of sample.result.trace.policyTypes) {
      for (const policy of type.policies) {
        for (const st of policy.statements) {
          if (!st.matched) continue;
          const counter = counterOf(type.policyType, policy.orgLevel, policy.policyId, st.ref.statementIndex);
          if (!counter) continue;
          counter.matchedBy++;
          if (counter.examples.length < 3) counter.examples.push(sample.name);
        }
      }
    }
    const deciding =
      sample.result.decision === 'ExplicitDeny'
        ? [sample.result.deniedBy]
        : sample.result.decision === 'Allow'
          ? sample.result.allowedBy
          : [];
    for (const ref of deciding) {
      if (ref) {
        const counter = counterOf(ref.policyType, ref.orgLevel, ref.policyId, ref.statementIndex);
        if (counter) counter.decidedBy++;
      }
    }
  }
  const list = [...statements.values()].map(({ base, count }): StatementCoverage => ({
    ...base,
    ...count,
    examples: [...count.examples],
  }));
  return {
    statements: list,
    total: list.length,
    matched: list.filter((s) => s.matchedBy > 0).length,
    unmatchedDenies: list.filter((s) => s.effect === 'Deny' && s.matchedBy === 0),
    unmatchedAllows: list.filter((s) => s.effect === 'Allow' && s.matchedBy === 0),
  };
}

/**
 * The samples of suite results: every test that got a decision.
 *
 * @param results - suite results from `runIntentSuite`
 * @returns one sample per evaluated test
 *
 * @example
 * ```ts
 * import { computeCoverage, coverageSamples, runIntentSuite } from 'iam-policy-evaluator';
 * const policy = { id: 'p', document: { Version: '2012-10-17', Statement: [
 *   { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
 *   { Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' },
 * ] } };
 * const results = runIntentSuite({ file: 'intent.yaml', tests: [{
 *   name: 'nobody deletes a role', policies: {}, policySet: { identity: [policy] }, policyFiles: [],
 *   request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   expect: { decision: 'ExplicitDeny' }, location: { file: 'intent.yaml', line: 3, column: 5 },
 * }] });
 * const samples = coverageSamples([results]);
 * samples.map((s) => s.name); //=> ['nobody deletes a role']
 * computeCoverage(samples).unmatchedDenies; //=> []
 * ```
 */
export function coverageSamples(results: readonly IntentSuiteResult[]): CoverageSample[] {
  return results.flatMap((suite) =>
    suite.results.flatMap((r) =>
      r.result ? [{ name: r.test.name, policies: r.test.policySet, files: r.test.policyFiles, result: r.result }] : [],
    ),
  );
}

function label(s: StatementCoverage): string {
  const where =
    s.file === undefined
      ? `${s.policyType} \`${s.policyId}\`${s.orgLevel === undefined ? '' : ` (${s.orgLevel})`}`
      : s.file;
  return `${where}:${s.line}:${s.column} statement ${s.statementIndex}${s.sid === undefined ? '' : ` \`${s.sid}\``} (${s.effect})`;
}

/**
 * The coverage report as text lines: the totals, every statement with its counts, and the Deny
 * statements no request matched.
 *
 * @param coverage - from {@link computeCoverage}
 * @returns the lines, without newlines
 *
 * @example
 * ```ts
 * import { computeCoverage } from 'iam-policy-evaluator';
 * import { formatCoverage } from 'iam-policy-evaluator/reporters';
 * formatCoverage(computeCoverage([])); //=> ['coverage: 0 of 0 statements matched at least one request (100%)', 'every Deny statement matched at least one request']
 * ```
 */
export function formatCoverage(coverage: SuiteCoverage): string[] {
  const pct = coverage.total === 0 ? 100 : Math.round((coverage.matched / coverage.total) * 100);
  const lines = [
    `coverage: ${coverage.matched} of ${coverage.total} statements matched at least one request (${pct}%)`,
  ];
  for (const s of coverage.statements) {
    const mark = s.matchedBy > 0 ? '✓' : '✗';
    lines.push(`  ${mark} ${label(s)}: matched ${s.matchedBy}, decided ${s.decidedBy}`);
  }
  if (coverage.unmatchedDenies.length === 0) {
    lines.push('every Deny statement matched at least one request');
  } else {
    lines.push(
      `Deny statements no request matched (dead, or shadowed for these requests): ${coverage.unmatchedDenies.length}`,
    );
    for (const s of coverage.unmatchedDenies) lines.push(`  ${label(s)}`);
  }
  return lines;
}
