import { testCondition } from '../conditions/evaluate-condition.js';
import type { CompiledCondition } from '../conditions/evaluate-condition.js';
import type { CompiledStatement } from '../evaluator/compiled-policy-set.js';
import { matchPrincipalElement, matchPrincipalValue, strongerForm } from '../evaluator/match-principal.js';
import type { PrincipalMatchForm } from '../evaluator/match-principal.js';
import type { PrincipalElement, PrincipalValue } from '../model/normalized-policy.js';
import { compileFastAction } from './fast-action.js';
import type { FastActionMatcher } from './fast-action.js';
import { compileFastResource } from './fast-resource.js';
import type { FastResourceMatcher } from './fast-resource.js';
import type { RequestFacts } from './request-facts.js';

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
): FastStatement {
  const { statement } = compiled;
  const action = compileFastAction(statement.action);
  const resource =
    statement.resource === undefined || compiled.resource === undefined
      ? undefined
      : compileFastResource(statement.resource, compiled.resource);
  const inert = action.inert || statement.resource?.patterns.length === 0 || statement.principal?.values.length === 0;
  return Object.freeze({
    effect: statement.effect,
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
 * Whether the statement matches, its action already known to match: the principal form for a matching statement
 * with `Principal` (the §1.4 table needs it for resource policies), `true` for one without, or {@link NO_MATCH}.
 */
export function matchBeyondAction(
  statement: FastStatement,
  facts: RequestFacts,
): PrincipalMatchForm | true | typeof NO_MATCH {
  if (statement.inert) return NO_MATCH;
  if (statement.resource !== undefined && !statement.resource.test(facts)) return NO_MATCH;
  const element = statement.principal;
  let result: PrincipalMatchForm | true = true;
  if (element !== undefined) {
    if (element.negated) {
      const match = matchPrincipalElement(element, facts.principalFacts, statement.inVpcEndpointPolicy);
      if (!match.trace.matched) return NO_MATCH;
    } else {
      const form = principalForm(statement.principalValues, facts, statement.inVpcEndpointPolicy);
      if (form === undefined) return NO_MATCH;
      result = form;
    }
  }
  return conditionsHold(statement, facts) ? result : NO_MATCH;
}
