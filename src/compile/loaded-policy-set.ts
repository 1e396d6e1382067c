import type { CompiledCondition } from '../conditions/evaluate-condition.js';
import type { ActionElementMatcher } from '../matching/action.js';
import type { ResourceMatcher } from '../matching/resource.js';
import type { FastResourceMatcher } from './fast-resource.js';
import type { PreparedPrincipalValue } from './prepare-principal.js';
import type { StatementRef } from '../model/evaluation-result.js';
import type { NormalizedPolicy, NormalizedStatement } from '../model/normalized-policy.js';
import type { PolicyType } from '../model/policy-type.js';

/**
 * A policy set loaded, normalized and compiled once: every matcher and condition prepared, nothing parsed or built
 * per request. Immutable (deeply frozen) and safe to share; the plan (policy-plan.ts) files it for any number of requests.
 */

/** One statement with its matchers ready. */
export interface CompiledStatement {
  readonly statement: NormalizedStatement;
  /** Its reference as reported in `deniedBy`, `denies`, `allowedBy` (orgLevel set for SCPs and RCPs). */
  readonly ref: StatementRef;
  readonly action: ActionElementMatcher;
  /** Absent for a trust-policy statement without Resource (it means the role itself). */
  readonly resource?: ResourceMatcher;
  /** The same element compiled for the decision alone (no reasons); absent with `resource`. */
  readonly resourceTest?: FastResourceMatcher;
  /** The `Principal`/`NotPrincipal` values, read once (empty without the element). */
  readonly principalValues: readonly PreparedPrincipalValue[];
  /** Some element is an empty list (G-7): the statement never applies. */
  readonly inert: boolean;
  /** Context keys the Resource patterns read as variables, as written (for `missingContextKeys`). */
  readonly resourceVariableKeys: readonly string[];
  readonly conditions: readonly CompiledCondition[];
}

/** One policy with its statements compiled. */
export interface CompiledPolicy {
  readonly policyType: PolicyType;
  readonly policyId: string;
  readonly orgLevel?: string;
  readonly policy: NormalizedPolicy;
  readonly statements: readonly CompiledStatement[];
}

/** The policies attached at one level of an organization path. */
export interface CompiledOrgLevel {
  readonly target: string;
  readonly policies: readonly CompiledPolicy[];
}

/** Every policy of a request's policy set, compiled. Absent members were not given. */
export interface LoadedPolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly resource?: CompiledPolicy;
  /** The grammar the resource policy was checked with: `roleTrust` for a role's trust policy. */
  readonly resourceGrammar: 'resource' | 'roleTrust';
  readonly permissionsBoundary?: CompiledPolicy;
  readonly session: readonly CompiledPolicy[];
  /** Absent or empty: the principal's account is not in an organization. */
  readonly serviceControlPolicies: readonly CompiledOrgLevel[];
  /** Absent or empty: the resource's account is not in an organization. */
  readonly resourceControlPolicies: readonly CompiledOrgLevel[];
  /** Empty: the request did not come through a VPC endpoint (or one with the default policy, V-3). */
  readonly vpcEndpoint: readonly CompiledPolicy[];
}
