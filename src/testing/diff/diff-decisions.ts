import type { EvaluationResult } from '../../model/evaluation-result.js';
import type { PolicySet, RequestInput } from '../../model/request.js';
import { describeDecision } from '../shared/describe.js';
import { evaluate as libraryEvaluate } from '../../evaluator/evaluate.js';
import { issuesOf, type EvaluateFunction } from '../suite/run-suite.js';

/**
 * One side of a changed decision: the result, or why there is none, since a proposed change may break a policy and
 * that is a change too.
 *
 * @example
 * ```ts
 * import { diffDecisions } from 'iam-policy-evaluator';
 * import type { DiffSide } from 'iam-policy-evaluator';
 * const allow = { id: 'all', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
 * const typo = { id: 'all', document: '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}' };
 * const diff = diffDecisions({ identity: [allow] }, { identity: [typo] }, [
 *   { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:GetRole', resource: '*' },
 * ]);
 * const after: DiffSide | undefined = diff.changed[0]?.after;
 * after; //=> { ok: false, error: 'invalid policy `all` at 1:52: invalid effect `allow`: use `Allow` or `Deny` (case-sensitive)' }
 * ```
 */
export type DiffSide =
  { readonly ok: true; readonly result: EvaluationResult } | { readonly ok: false; readonly error: string };

/**
 * A request whose decision changed, with both sides, so a reviewer sees what the change does to it and why.
 *
 * @example
 * ```ts
 * import { diffDecisions } from 'iam-policy-evaluator';
 * import type { DecisionChange } from 'iam-policy-evaluator';
 * const allow = { id: 'all', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
 * const deny = { id: 'no-delete', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:Delete*', Resource: '*' }] } };
 * const requests = [
 *   { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:GetRole', resource: '*' },
 * ];
 * const change: DecisionChange | undefined = diffDecisions({ identity: [allow] }, { identity: [allow, deny] }, requests).changed[0];
 * change?.request.action; //=> 'iam:DeleteRole'
 * change?.before.ok ? change.before.result.decision : undefined; //=> 'Allow'
 * change?.after.ok ? change.after.result.deniedBy?.policyId : undefined; //=> 'no-delete'
 * ```
 */
export interface DecisionChange {
  readonly request: RequestInput;
  /** A name for the request, e.g. the suite test it came from. */
  readonly name?: string;
  readonly before: DiffSide;
  readonly after: DiffSide;
}

/**
 * The answer of {@link diffDecisions}: the requests whose decision changed, and how many were tried.
 *
 * @example
 * ```ts
 * import { diffDecisions } from 'iam-policy-evaluator';
 * import type { DecisionDiff } from 'iam-policy-evaluator';
 * const allow = { id: 'all', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
 * const deny = { id: 'no-delete', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:Delete*', Resource: '*' }] } };
 * const requests = [
 *   { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:GetRole', resource: '*' },
 * ];
 * const diff: DecisionDiff = diffDecisions({ identity: [allow] }, { identity: [allow, deny] }, requests);
 * diff.total; //=> 2
 * diff.unchanged; //=> 1
 * diff.changed.length; //=> 1
 * ```
 */
export interface DecisionDiff {
  readonly total: number;
  readonly changed: readonly DecisionChange[];
  readonly unchanged: number;
}

function side(
  evaluate: EvaluateFunction,
  policies: PolicySet,
  request: RequestInput,
  options?: Readonly<Record<string, unknown>>,
): DiffSide {
  try {
    return { ok: true, result: evaluate({ request, policies }, options) };
  } catch (error) {
    const issues = issuesOf(error);
    const first = issues?.find((i) => i.severity === 'error');
    const message = first
      ? `invalid policy \`${first.policyId}\` at ${first.line}:${first.column}: ${first.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, error: message };
  }
}

const decisionOf = (s: DiffSide): string => (s.ok ? s.result.decision : 'Error');

/**
 * Options of {@link diffDecisions}: the evaluation function, and the `evaluate` options both sides share (a time, the
 * management account).
 *
 * @example
 * ```ts
 * import { diffDecisions } from 'iam-policy-evaluator';
 * import type { DiffDecisionsOptions } from 'iam-policy-evaluator';
 * const allow = { id: 'all', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
 * const freeze = { id: 'freeze', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2025-12-20T00:00:00Z' } } }] } };
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:PutObject', resource: '*' };
 * const options: DiffDecisionsOptions = { evaluateOptions: { now: '2025-12-24T09:00:00Z' } };
 * diffDecisions({ identity: [allow] }, { identity: [allow, freeze] }, [request], options).changed.length; //=> 1
 * diffDecisions({ identity: [allow] }, { identity: [allow, freeze] }, [request]).changed.length; //=> 0
 * ```
 */
export interface DiffDecisionsOptions {
  /** The evaluation function; the library's `evaluate` by default. */
  readonly evaluate?: EvaluateFunction;
  /** Options for `evaluate`. */
  readonly evaluateOptions?: Readonly<Record<string, unknown>>;
}

/**
 * Evaluates every request against two policy sets and keeps those whose decision changed
 * (Allow, ExplicitDeny, ImplicitDeny, or no decision because a side's policies are invalid).
 *
 * @param before - the policies as they are
 * @param after - the policies as proposed
 * @param requests - the requests, each optionally named
 * @param options - the evaluation function and its options
 * @returns the changed requests with both results, and the counts
 *
 * @example
 * ```ts
 * import { diffDecisions, formatDiff } from 'iam-policy-evaluator';
 * const allow = { id: 'all', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
 * const deny = { id: 'no-delete', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:Delete*', Resource: '*' }] } };
 * const diff = diffDecisions({ identity: [allow] }, { identity: [allow, deny] }, [
 *   { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' },
 *   { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:GetRole', resource: '*' },
 * ]);
 * formatDiff(diff).at(-1); //=> '1 of 2 requests changed decision'
 * ```
 */
export function diffDecisions(
  before: PolicySet,
  after: PolicySet,
  requests: readonly (RequestInput | { readonly name: string; readonly request: RequestInput })[],
  diffOptions: DiffDecisionsOptions = {},
): DecisionDiff {
  const evaluate = diffOptions.evaluate ?? libraryEvaluate;
  const options = diffOptions.evaluateOptions;
  const changed: DecisionChange[] = [];
  for (const item of requests) {
    const named = 'request' in item ? item : undefined;
    const request = named ? named.request : (item as RequestInput);
    const b = side(evaluate, before, request, options);
    const a = side(evaluate, after, request, options);
    if (decisionOf(b) !== decisionOf(a))
      changed.push({ request, ...(named ? { name: named.name } : {}), before: b, after: a });
  }
  return { total: requests.length, changed, unchanged: requests.length - changed.length };
}

function describeSide(s: DiffSide): string {
  return s.ok ? describeDecision(s.result) : `no decision: ${s.error}`;
}

/**
 * `principal action resource {context}` on one line.
 *
 * @example
 * ```ts
 * import { describeRequest } from 'iam-policy-evaluator';
 * describeRequest({ principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' }); //=> 'arn:aws:iam::123456789012:user/alice s3:GetObject *'
 * ```
 */
export function describeRequest(request: RequestInput): string {
  const ctx = request.context && Object.keys(request.context).length > 0 ? ` ${JSON.stringify(request.context)}` : '';
  const owner = request.resourceAccount === undefined ? '' : ` (owner ${request.resourceAccount})`;
  return `${request.principal} ${request.action} ${request.resource}${owner}${ctx}`;
}

/**
 * The diff as text: for each changed request, the request and both decisions with their short traces.
 *
 * @param diff - from {@link diffDecisions}
 * @returns the lines, without newlines
 *
 * @example
 * ```ts
 * import { formatDiff } from 'iam-policy-evaluator';
 * formatDiff({ total: 3, changed: [], unchanged: 3 }); //=> ['0 of 3 requests changed decision']
 * ```
 */
export function formatDiff(diff: DecisionDiff): string[] {
  const lines: string[] = [];
  for (const c of diff.changed) {
    lines.push(
      `${decisionOf(c.before)} -> ${decisionOf(c.after)}: ${c.name === undefined ? '' : `${c.name}: `}${describeRequest(c.request)}`,
    );
    lines.push(`  before: ${describeSide(c.before)}`);
    lines.push(`  after:  ${describeSide(c.after)}`);
  }
  lines.push(`${diff.changed.length} of ${diff.total} requests changed decision`);
  return lines;
}
