import { resolveCatalogue } from '../catalogue/bundled-catalogue.js';
import type { EvaluateOptions, EvaluationResult, StatementRef, StatementTrace } from '../model/evaluation-result.js';
import type { ContextValue, EvaluationInput } from '../model/request.js';
import { candidateChanges } from './context-candidates.js';
import type { CandidateChange } from './context-candidates.js';
import type { ContextChange } from './explanation.js';

/** Evaluates a request: `evaluate` itself, passed in so this module stays a pure search. */
export type Evaluator = (input: EvaluationInput, options?: EvaluateOptions) => EvaluationResult;

/** A bounded number of re-evaluations, shared by every search of one explanation. */
export interface SearchBudget {
  remaining: number;
}

function sameRef(a: StatementRef, b: StatementRef): boolean {
  return (
    a.policyType === b.policyType &&
    a.policyId === b.policyId &&
    a.statementIndex === b.statementIndex &&
    (a.orgLevel ?? '') === (b.orgLevel ?? '')
  );
}

/** The trace of one statement in a result. */
export function findStatement(result: EvaluationResult, ref: StatementRef): StatementTrace | undefined {
  for (const type of result.trace.policyTypes) {
    if (type.policyType !== ref.policyType) continue;
    for (const policy of type.policies) {
      for (const statement of policy.statements) if (sameRef(statement.ref, ref)) return statement;
    }
  }
  return undefined;
}

/** The request's value for a key, compared case-insensitively as IAM does (G-30). */
export function contextValueOf(input: EvaluationInput, key: string): ContextValue | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(input.request.context ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** The input with some context keys set or removed; every other key kept, nothing mutated. */
export function withChanges(input: EvaluationInput, changes: readonly CandidateChange[]): EvaluationInput {
  const touched = new Set(changes.map((c) => c.key.toLowerCase()));
  const context: Record<string, ContextValue> = Object.create(null) as Record<string, ContextValue>;
  for (const [k, v] of Object.entries(input.request.context ?? {})) if (!touched.has(k.toLowerCase())) context[k] = v;
  for (const change of changes)
    if (change.kind === 'set' && change.value !== undefined) context[change.key] = change.value;
  return { ...input, request: { ...input.request, context } };
}

function verified(change: CandidateChange, derived: boolean, after: EvaluationResult): ContextChange {
  return {
    key: change.key,
    kind: change.kind,
    ...(change.value === undefined ? {} : { value: change.value }),
    description: change.description,
    derived,
    decisionAfter: after.decision,
  };
}

/**
 * Whether the catalogue says the request's action never carries the key (CAT-7, CAT-10): then no request can set it,
 * and a change that sets it is no change a caller can make.
 */
function neverCarried(input: EvaluationInput, key: string, options: EvaluateOptions | undefined): boolean {
  const catalogue = resolveCatalogue(options?.catalogue);
  if (catalogue === undefined || catalogue.conditionKey(key)?.service === undefined) return false;
  const action = catalogue.action(input.request.action);
  return action !== undefined && !catalogue.actionSupportsKey(action.id, key);
}

/**
 * The single-key context changes that make a statement that applies stop applying, found by trying candidates derived
 * from each true condition's operator and policy values and keeping those that a full re-evaluation confirms.
 */
export function changesToStopApplying(
  input: EvaluationInput,
  statement: StatementTrace,
  evaluator: Evaluator,
  options: EvaluateOptions | undefined,
  budget: SearchBudget,
): ContextChange[] {
  const found: ContextChange[] = [];
  for (const condition of statement.conditions) {
    if (!condition.result) continue;
    const derived = condition.keyStatus === 'derived';
    const unsettable = neverCarried(input, condition.key, options);
    for (const candidate of candidateChanges(condition, contextValueOf(input, condition.key))) {
      if (derived && candidate.kind === 'remove') continue;
      if (unsettable && candidate.kind === 'set') continue;
      if (budget.remaining <= 0) break;
      budget.remaining--;
      const after = evaluator(withChanges(input, [candidate]), options);
      if (findStatement(after, statement.ref)?.matched === false) found.push(verified(candidate, derived, after));
    }
  }
  // Removing a key is only worth saying when no value of it helps: services send many keys whatever the caller does.
  const keysSetToEffect = new Set(found.filter((c) => c.kind === 'set').map((c) => c.key.toLowerCase()));
  return found.filter((c) => c.kind === 'set' || !keysSetToEffect.has(c.key.toLowerCase()));
}

/**
 * The context changes that make a statement whose conditions failed apply: for one failed condition, every verified
 * single-key change; for several, one verified change per condition, combined and verified together (`allRequired`).
 * Only conditions are searched: a failed Action, Resource or Principal is not a matter of context.
 */
export function changesToApply(
  input: EvaluationInput,
  statement: StatementTrace,
  evaluator: Evaluator,
  options: EvaluateOptions | undefined,
  budget: SearchBudget,
): { changes: ContextChange[]; allRequired: boolean } {
  const failed = statement.conditions.map((c, i) => ({ c, i })).filter(({ c }) => !c.result);
  if (failed.length === 0) return { changes: [], allRequired: false };
  const perCondition: { candidate: CandidateChange; derived: boolean; after: EvaluationResult }[][] = [];
  for (const { c, i } of failed) {
    const derived = c.keyStatus === 'derived';
    const unsettable = neverCarried(input, c.key, options);
    const flips: { candidate: CandidateChange; derived: boolean; after: EvaluationResult }[] = [];
    for (const candidate of candidateChanges(c, contextValueOf(input, c.key))) {
      if (derived && candidate.kind === 'remove') continue;
      if (unsettable && candidate.kind === 'set') continue;
      if (budget.remaining <= 0) break;
      budget.remaining--;
      const after = evaluator(withChanges(input, [candidate]), options);
      const trace = findStatement(after, statement.ref);
      if (trace?.conditions[i]?.result === true) flips.push({ candidate, derived, after });
    }
    if (flips.length === 0) return { changes: [], allRequired: false };
    perCondition.push(flips);
  }
  if (perCondition.length === 1) {
    const changes = (perCondition[0] ?? [])
      .filter((f) => findStatement(f.after, statement.ref)?.matched === true)
      .map((f) => verified(f.candidate, f.derived, f.after));
    return { changes, allRequired: false };
  }
  const combined = perCondition.map((flips) => flips[0]).filter((f) => f !== undefined);
  if (budget.remaining <= 0) return { changes: [], allRequired: true };
  budget.remaining--;
  const after = evaluator(
    withChanges(
      input,
      combined.map((f) => f.candidate),
    ),
    options,
  );
  if (findStatement(after, statement.ref)?.matched !== true) return { changes: [], allRequired: true };
  return { changes: combined.map((f) => verified(f.candidate, f.derived, after)), allRequired: true };
}
