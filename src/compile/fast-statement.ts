import { testCondition } from '../conditions/evaluate-condition.js';
import type { CompiledCondition } from '../conditions/evaluate-condition.js';
import type { CompiledStatement } from './loaded-policy-set.js';
import { matchPrincipalElement, matchPrincipalValue, strongerForm } from '../evaluator/match-principal.js';
import type { PrincipalMatchForm } from '../evaluator/match-principal.js';
import type { StatementRef } from '../model/evaluation-result.js';
import type { PrincipalElement, PrincipalValue } from '../model/normalized-policy.js';
import { compileFastAction } from './fast-action.js';
import type { FastActionMatcher } from './fast-action.js';
import { compileFastResource } from './fast-resource.js';
import type { FastResourceMatcher } from './fast-resource.js';
import type { ContextKeyTable } from '../request/context-view.js';
import type { RequestFacts } from '../request/request-facts.js';

/**
 * One statement for the fast path: whether it matches a request (IAM-SEMANTICS "matches": Action/NotAction,
 * Resource/NotResource, Principal/NotPrincipal and every condition), with no trace. Unlike the reference
 * (match-statement.ts), which evaluates every element for its trace, it stops at the first element that fails:
 * matching has no side effects, so the answer is the same.
 */

/** The result of a `Principal` element that did not name the caller. */
export const NO_MATCH = 'noMatch';

/** A statement compiled for the fast path. */
export interface FastStatement {
  readonly effect: 'Allow' | 'Deny';
  /** Its reference, as reported in `deniedBy`, `denies`, `allowedBy`. */
  readonly ref: StatementRef;
  /** Its place in the stable order of docs/evaluation-logic.md (policy type, level, policy, statement). */
  readonly ordinal: number;
  /** The slots (context-view.ts) of the context keys it reads: condition keys and variables, then Resource variables. */
  readonly keySlots: readonly number[];
  /** Those keys as written, for `missingContextKeys`. */
  readonly keys: readonly string[];
  /** The unit (policy type, level or endpoint policy) it belongs to; see compiled-units.ts. */
  readonly unit: number;
  readonly action: FastActionMatcher;
  /** Absent: a trust-policy statement without Resource, which always applies. */
  readonly resource: FastResourceMatcher | undefined;
  readonly principal: PrincipalElement | undefined;
  /** The `Principal` values, ready (empty for `NotPrincipal`, which the reference's matcher reads). */
  readonly principalValues: readonly FastPrincipalValue[];
  /** In a VPC endpoint policy an account principal names its root user only (V-6). */
  readonly inVpcEndpointPolicy: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** Some element is an empty list (G-7): the statement never applies. */
  readonly inert: boolean;
}

/** Compiles one statement of the reference's compiled policy set. */
export function compileFastStatement(
  compiled: CompiledStatement,
  unit: number,
  inVpcEndpointPolicy: boolean,
  keys: ContextKeyTable,
  ordinal = 0,
): FastStatement {
  // Every key a condition or variable of the statement looks up, so each request caches it in its slot.
  for (const condition of compiled.conditions) {
    keys.add(condition.entry.key);
    for (const value of condition.values) {
      if (value.kind !== 'template') continue;
      for (const part of value.template.parts) if (part.kind === 'variable') keys.add(part.key);
    }
  }
  for (const pattern of compiled.statement.resource?.patterns ?? []) {
    for (const part of pattern.template.parts) if (part.kind === 'variable') keys.add(part.key);
  }
  const { statement } = compiled;
  const action = compileFastAction(statement.action);
  const resource =
    statement.resource === undefined || compiled.resource === undefined
      ? undefined
      : compileFastResource(statement.resource, compiled.resource);
  const inert = action.inert || statement.resource?.patterns.length === 0 || statement.principal?.values.length === 0;
  return Object.freeze({
    effect: statement.effect,
    ref: compiled.ref,
    ordinal,
    keys: Object.freeze([
      ...compiled.conditions.flatMap((condition) => condition.keys),
      ...compiled.resourceVariableKeys,
    ]),
    keySlots: Object.freeze(
      [...compiled.conditions.flatMap((condition) => condition.keys), ...compiled.resourceVariableKeys].map((key) =>
        keys.add(key),
      ),
    ),
    unit,
    action,
    resource,
    principal: statement.principal,
    principalValues: Object.freeze(
      statement.principal === undefined || statement.principal.negated
        ? []
        : statement.principal.values.map(compilePrincipalValue),
    ),
    inVpcEndpointPolicy,
    conditions: compiled.conditions,
    inert,
  });
}

function conditionsHold(statement: FastStatement, facts: RequestFacts): boolean {
  const conditions = statement.conditions;
  if (conditions.length === 0) return true;
  const context = facts.context;
  for (const condition of conditions) if (!testCondition(condition, context)) return false;
  return true;
}

/**
 * One `Principal` value, ready: accounts and roles (the values the reference re-splits on every request) are read
 * once here, as match-principal.ts reads them; every other kind is left to its `matchPrincipalValue`.
 */
type FastPrincipalValue =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'account'; readonly accountId: string | undefined; readonly partition: string | undefined }
  | {
      readonly kind: 'role';
      readonly partition: string | undefined;
      readonly accountId: string | undefined;
      readonly name: string | undefined;
    }
  | { readonly kind: 'other'; readonly value: PrincipalValue };

/** The partition of a value written as an ARN (`arnPartition` of match-principal.ts). */
function partitionOf(value: PrincipalValue): string | undefined {
  if (!value.raw.startsWith('arn:')) return undefined;
  const end = value.raw.indexOf(':', 4);
  return end < 0 ? undefined : value.raw.slice(4, end);
}

function compilePrincipalValue(value: PrincipalValue): FastPrincipalValue {
  switch (value.kind) {
    case 'everyone':
      return { kind: 'everyone' };
    case 'account':
      return {
        kind: 'account',
        accountId: value.accountId ?? value.value.split(':')[4],
        partition: partitionOf(value),
      };
    case 'role': {
      // `roleArnParts`: `arn:p:iam::A:role/path/name` names account A's role `name`.
      const parts = value.value.split(':');
      const resource = parts[5] ?? '';
      const named = parts.length === 6 && parts[2] === 'iam' && resource.startsWith('role/');
      return {
        kind: 'role',
        partition: partitionOf(value),
        accountId: named ? parts[4] : undefined,
        name: named ? resource.slice(resource.lastIndexOf('/') + 1) : undefined,
      };
    }
    default:
      return { kind: 'other', value };
  }
}

const ACCOUNT_PRINCIPALS: ReadonlySet<string> = new Set(['root', 'user', 'role', 'roleSession', 'federatedUser']);

/** The form in which one value names the caller, as `matchPrincipalValue` decides; `undefined` when it does not. */
function principalValueForm(
  value: FastPrincipalValue,
  facts: RequestFacts,
  inVpc: boolean,
): PrincipalMatchForm | undefined {
  const caller = facts.caller;
  switch (value.kind) {
    case 'everyone':
      return 'everyone';
    case 'account': {
      const samePartition = value.partition === undefined || value.partition === (caller.partition ?? 'aws');
      if (caller.accountId !== value.accountId || !ACCOUNT_PRINCIPALS.has(caller.kind) || !samePartition) {
        return undefined;
      }
      if (inVpc) return caller.kind === 'root' ? 'account' : undefined;
      return 'account';
    }
    case 'role': {
      if (caller.kind !== 'role' && caller.kind !== 'roleSession') return undefined;
      if (value.partition !== undefined && value.partition !== (caller.partition ?? 'aws')) return undefined;
      return value.name !== undefined && value.accountId === caller.accountId && value.name === caller.roleName
        ? 'role'
        : undefined;
    }
    case 'other':
      return matchPrincipalValue(value.value, facts.principalFacts, inVpc)?.form;
  }
}

/** The strongest form in which a `Principal` element names the caller, or `undefined` when it names nobody. */
function principalForm(
  values: readonly FastPrincipalValue[],
  facts: RequestFacts,
  inVpc: boolean,
): PrincipalMatchForm | undefined {
  let form: PrincipalMatchForm | undefined;
  for (const value of values) {
    const found = principalValueForm(value, facts, inVpc);
    if (found !== undefined) form = strongerForm(form, found);
  }
  return form;
}

/**
 * Whether Resource, Principal and the empty-list rule let the statement apply, its action already known to match:
 * the principal form for a statement with `Principal` (the §1.4 table needs it for resource policies), `true` for
 * one without, or {@link NO_MATCH}. Conditions are not looked at.
 */
export function matchElements(
  statement: FastStatement,
  facts: RequestFacts,
): PrincipalMatchForm | true | typeof NO_MATCH {
  if (statement.inert) return NO_MATCH;
  if (statement.resource !== undefined && !statement.resource.test(facts)) return NO_MATCH;
  const element = statement.principal;
  if (element === undefined) return true;
  if (element.negated) {
    const match = matchPrincipalElement(element, facts.principalFacts, statement.inVpcEndpointPolicy);
    return match.trace.matched ? true : NO_MATCH;
  }
  return principalForm(statement.principalValues, facts, statement.inVpcEndpointPolicy) ?? NO_MATCH;
}

/** Whether the statement matches, its action already known to match: {@link matchElements}, then its conditions. */
export function matchBeyondAction(
  statement: FastStatement,
  facts: RequestFacts,
): PrincipalMatchForm | true | typeof NO_MATCH {
  const result = matchElements(statement, facts);
  return result !== NO_MATCH && conditionsHold(statement, facts) ? result : NO_MATCH;
}

/**
 * {@link matchBeyondAction}, also adding to `missing` the keys the statement reads that the request lacks, when its
 * elements apply (as the reference reports `missingContextKeys`).
 */
export function matchReportingMissingKeys(
  statement: FastStatement,
  facts: RequestFacts,
  missing: string[],
): PrincipalMatchForm | true | typeof NO_MATCH {
  const result = matchElements(statement, facts);
  if (result === NO_MATCH) return NO_MATCH;
  const slots = statement.keySlots;
  if (slots.length > 0) {
    const context = facts.context;
    const written = statement.keys;
    for (let i = 0; i < slots.length; i += 1) {
      if (context.at(slots[i] as number) === undefined) missing.push(written[i] as string);
    }
  }
  return conditionsHold(statement, facts) ? result : NO_MATCH;
}
