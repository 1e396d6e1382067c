import type { Issue } from '../errors/issue.js';
import type { PolicyVersion } from '../model/normalized-policy.js';
import type { PolicyGrammar, PolicyType } from '../model/policy-type.js';
import type { SourceSpan } from '../model/source-span.js';

/**
 * What {@link parsePolicy} needs to know about a document.
 *
 * @example
 * ```ts
 * import type { ParsePolicyOptions } from 'iam-policy-evaluator';
 * const options: ParsePolicyOptions = { policyType: 'roleTrust', policyId: 'ci-deploy-trust', maxSize: 4096 };
 * ```
 */
export interface ParsePolicyOptions {
  /** The grammar to check against: a policy type, or `roleTrust` for a role's trust policy. */
  readonly policyType: PolicyGrammar;
  /** Names the policy in issues and traces, e.g. its file name without `.json`. */
  readonly policyId: string;
  /**
   * Overrides the size limit of the policy type (docs/policy-grammar.md), for an account whose quota was raised,
   * e.g. `4096` for role trust policies. Counted the way the policy type counts (with or without white space).
   */
  readonly maxSize?: number;
}

/** One string of `Action`, `NotAction`, `Resource` or `NotResource`, as written. */
export interface ParsedString {
  readonly value: string;
  readonly span: SourceSpan;
}

/** `Action`/`NotAction` or `Resource`/`NotResource`, with a single string already read as a one-item list. */
export interface ParsedStringList {
  readonly negated: boolean;
  readonly values: readonly ParsedString[];
  /** The span of the element's value. */
  readonly span: SourceSpan;
}

/** One principal as written: the map key it sits under (`*` for the bare `"Principal": "*"`) and its text. */
export interface ParsedPrincipal {
  readonly type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  readonly value: string;
  readonly span: SourceSpan;
}

/** `Principal` or `NotPrincipal`. */
export interface ParsedPrincipalElement {
  readonly negated: boolean;
  readonly values: readonly ParsedPrincipal[];
  readonly span: SourceSpan;
}

/** One value listed for a condition key; numbers and booleans may be bare (G-5). */
export interface ParsedConditionValue {
  readonly raw: string | number | boolean;
  readonly span: SourceSpan;
}

/** One key of one operator block. */
export interface ParsedConditionKey {
  readonly key: string;
  readonly values: readonly ParsedConditionValue[];
  /** Whether the values were written as an array (even of one). */
  readonly listed: boolean;
  /** The span of the member `"aws:SourceVpce": …`. */
  readonly span: SourceSpan;
}

/** One operator block of `Condition`, e.g. `"StringEquals": {…}`. */
export interface ParsedConditionBlock {
  readonly operator: string;
  readonly keys: readonly ParsedConditionKey[];
  /** The span of the member `"StringEquals": {…}`. */
  readonly span: SourceSpan;
}

/** One statement as written, elements in their JSON shapes. */
export interface ParsedStatement {
  /** 0-based position within the policy. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action: ParsedStringList;
  readonly resource?: ParsedStringList;
  readonly principal?: ParsedPrincipalElement;
  readonly conditions: readonly ParsedConditionBlock[];
  readonly span: SourceSpan;
  readonly effectSpan: SourceSpan;
  readonly conditionSpan?: SourceSpan;
}

/**
 * A policy document that passed every check of its grammar: its elements as written, each with its position.
 * {@link normalizePolicy} turns it into the canonical form the evaluator consumes.
 */
export interface ParsedPolicy {
  readonly policyId: string;
  readonly grammar: PolicyGrammar;
  /** The type it is evaluated as: `resource` for a role trust policy. */
  readonly policyType: PolicyType;
  readonly version?: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly ParsedStatement[];
  /** The text every span refers to: the text given, or the 2-space rendering of an object. */
  readonly source: string;
  readonly warnings: readonly Issue[];
}

/**
 * The answer of {@link parsePolicy}: a policy, or every issue that stops it (warnings included).
 *
 * @example
 * ```ts
 * import { parsePolicy } from 'iam-policy-evaluator';
 * import type { ParseResult } from 'iam-policy-evaluator';
 * const result: ParseResult = parsePolicy('{"Statement": []}', { policyType: 'identity', policyId: 'p' });
 * result.ok; //=> true
 * ```
 */
export type ParseResult =
  | { readonly ok: true; readonly policy: ParsedPolicy; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly [Issue, ...Issue[]] };
