import type { CompiledCondition } from '../conditions/evaluate-condition.js';
import type { ActionElementMatcher } from '../matching/action.js';
import type { StatementRef } from '../model/evaluation-result.js';
import type { PrincipalElement } from '../model/normalized-policy.js';
import type { ContextKeyTable } from './context-key-table.js';
import type { FastResourceMatcher } from './fast-resource.js';
import type { CompiledStatement } from './loaded-policy-set.js';
import type { PreparedPrincipalValue } from './prepare-principal.js';

/**
 * One statement as the plan files it: the compiled statement's elements (the same objects the trace reads), its
 * unit, its place in the stable order and the context-key slots it reads. src/evaluator/test-statement.ts tests it.
 */
export interface PlanStatement {
  /** The compiled statement it comes from (the trace reads the same elements). */
  readonly compiled: CompiledStatement;
  readonly effect: 'Allow' | 'Deny';
  /** Its reference, as reported in `deniedBy`, `denies`, `allowedBy`. */
  readonly ref: StatementRef;
  /** Its place in the stable order of docs/evaluation-logic.md (policy type, level, policy, statement). */
  readonly ordinal: number;
  /** The slots (context-key-table.ts) of the context keys it reads: condition keys, then Resource variables. */
  readonly keySlots: readonly number[];
  /** Those keys as written, for `missingContextKeys`. */
  readonly keys: readonly string[];
  /** The unit (policy type, level or endpoint policy) it belongs to; see policy-plan.ts. */
  readonly unit: number;
  readonly action: ActionElementMatcher;
  /** Absent: a trust-policy statement without Resource, which always applies. */
  readonly resource: FastResourceMatcher | undefined;
  readonly principal: PrincipalElement | undefined;
  readonly principalValues: readonly PreparedPrincipalValue[];
  /** In a VPC endpoint policy an account principal names its root user only (V-6). */
  readonly inVpcEndpointPolicy: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** Some element is an empty list (G-7): the statement never applies. */
  readonly inert: boolean;
}

/** Files one compiled statement under a unit; every key it reads gets a slot in `keys`. */
export function planStatement(
  compiled: CompiledStatement,
  unit: number,
  inVpcEndpointPolicy: boolean,
  keys: ContextKeyTable,
  ordinal: number,
): PlanStatement {
  // Every key a condition value reads as a variable gets a slot too, so each request caches its entry once.
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
  const read = Object.freeze([
    ...compiled.conditions.flatMap((condition) => condition.keys),
    ...compiled.resourceVariableKeys,
  ]);
  return Object.freeze({
    compiled,
    effect: compiled.statement.effect,
    ref: compiled.ref,
    ordinal,
    keys: read,
    keySlots: Object.freeze(read.map((key) => keys.add(key))),
    unit,
    action: compiled.action,
    resource: compiled.resourceTest,
    principal: compiled.statement.principal,
    principalValues: compiled.principalValues,
    inVpcEndpointPolicy,
    conditions: compiled.conditions,
    inert: compiled.inert,
  });
}
